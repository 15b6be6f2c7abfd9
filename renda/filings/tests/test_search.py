"""Chinese search on the database in use (run on SQLite and on PostgreSQL)."""

import datetime as dt

import pytest
from django.db import connection

from renda.filings import search
from renda.filings.models import Filing
from renda.filings.tests.factories import CLEAN_TEXT


def test_segmenting_keeps_domain_words_and_their_parts():
    words = search.segment("规范性文件备案审查").split()
    assert {"规范性文件", "文件", "备案审查", "备案"} <= set(words)
    assert search.query_terms("规范性文件 备案") == ["规范性文件", "备案"]
    assert search.query_terms("，。！") == []


def test_highlight_escapes_the_text_and_marks_the_words():
    html = search.highlight("<b>代表</b>建议", ["代表"])
    assert html == "&lt;b&gt;<mark>代表</mark>&lt;/b&gt;建议"


def _publish(world, title, text, number):
    from renda.filings import services

    filing = world.file(title=title, text=text, number=number)
    services._publish(filing, None)
    return filing


def test_two_character_words_are_found_and_filtered(world):
    market = _publish(world, "清河区农贸市场管理办法", CLEAN_TEXT, "1号")
    school = _publish(world, "清河区课后服务办法", "第一条 学校课后服务由家长自愿申请。\n"
                      "第二条 课后服务不得收取费用。", "2号")  # fmt: skip
    world.file(title="未入库的市场文件", text=CLEAN_TEXT, number="3号")
    public = Filing.objects.filter(is_public=True)
    assert search.search(public, "市场") == ([market.pk], 1, False)
    assert search.search(public, "课后") == ([school.pk], 1, False)
    assert search.search(public, "家长 自愿") == ([school.pk], 1, False)
    assert search.search(public, "家长 市场") == ([], 0, False)
    assert search.search(public.filter(title__contains="课后"), "市场") == ([], 0, False)
    assert search.search(public, "") == ([], 0, False)


def test_the_document_about_the_words_ranks_above_one_that_mentions_them(world):
    about = "第一条 加强停车收费管理。\n第二条 停车收费实行明码标价。\n第三条 停车收费标准公示。"
    mention = "第一条 加强社区养老服务。\n" + "第二条 社区养老服务设施建设。\n" * 20 + "附：停车"
    passing = _publish(world, "清河区社区养老服务办法", mention, "1号")
    focused = _publish(world, "清河区停车收费管理办法", about, "2号")
    older = _publish(world, "清河区停车收费办法", about, "3号")
    public = Filing.objects.filter(is_public=True)
    ids, total, more = search.search(public, "停车")
    assert (total, more) == (3, False)
    assert ids[-1] == passing.pk
    assert set(ids[:2]) == {focused.pk, older.pk}


def _bulk_public(world, count, text):
    created = Filing.objects.bulk_create(
        Filing(congress=world.congress, body=world.body, gov_reviewer=world.reviewer_org,
               title=f"办法{n}", number=f"批{n}号", published_on=dt.date(2024, 1, 1),
               filed_on=dt.date(2024, 1, 1), due_on=dt.date(2024, 1, 1), text=text,
               segmented=search.segment(text), is_public=True)
        for n in range(count)
    )  # fmt: skip
    for filing in created:
        search.index_document(filing.pk, filing.segmented)
    return sorted(f.pk for f in created)


def test_pages_follow_the_ranking_without_gaps_or_repeats(world, monkeypatch):
    monkeypatch.setattr(search, "WINDOW", 7)
    ids = _bulk_public(world, 23, "第一条 扬尘污染防治。")
    public = Filing.objects.filter(is_public=True)
    pages = [search.search(public, "扬尘", offset=o, limit=10) for o in (0, 10, 20, 30)]
    assert [len(p.ids) for p in pages] == [10, 10, 3, 0]
    assert sorted(pk for p in pages for pk in p.ids) == ids
    assert pages[0].ids[0] == ids[-1]  # equal scores: the newest first
    assert all(p.total == 23 and not p.more for p in pages)


def test_the_count_stops_at_the_cap_and_says_there_are_more(world, monkeypatch):
    monkeypatch.setattr(search, "WINDOW", 5)
    monkeypatch.setattr(search, "MAX_COUNT", 12)
    ids = _bulk_public(world, 30, "第一条 河道保洁。")
    found = search.search(Filing.objects.filter(is_public=True), "河道", limit=20)
    assert (found.total, found.more) == (12, True)
    assert found.ids == ids[::-1][:12]
    filtered = Filing.objects.filter(is_public=True, pk__in=ids[:3])
    assert search.search(filtered, "河道", limit=20) == (ids[:3][::-1], 3, False)


def test_the_index_is_the_one_of_the_backend(db):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'filing_search_gin'")
            assert "gin" in cursor.fetchone()[0].lower()
        else:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'filings_search'")
            assert "unicode61" in cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgres_ctype_segments_chinese(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('simple', '人大 代表') @@ to_tsquery('simple', '代表')")
        assert cursor.fetchone()[0] is True


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_search_leaves_the_planner_settings_as_they_were(world):
    _bulk_public(world, 3, "第一条 河道保洁。")
    assert search.search(Filing.objects.filter(is_public=True), "河道").total == 3
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"


def _indexed(pk: int) -> str | None:
    """The words the search table holds for a filing (None when it is not there)."""
    postgres = connection.vendor == "postgresql"
    column, key = ("words::text", "id") if postgres else ("segmented", "rowid")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {search.FTS_TABLE} WHERE {key} = %s", [pk])
        row = cursor.fetchone()
    return row[0] if row else None


def test_the_search_table_follows_the_public_database(world):
    from renda.filings import services

    text = "第一条 河道保洁由街道负责。\n第二条 河道保洁经费列入预算。"
    filing = world.file(title="清河区管理办法", text=text, number="1号")
    public = Filing.objects.filter(is_public=True)
    assert _indexed(filing.pk) is None
    services._publish(filing, None)
    assert "河道" in _indexed(filing.pk)
    assert search.search(public, "河道") == ([filing.pk], 1, False)
    filing.text = "第一条 扬尘污染防治由街道负责。\n第二条 扬尘污染防治经费列入预算。"
    filing.save(update_fields=["text"])
    services._index(filing)  # what a new version of a public document goes through
    assert "扬尘" in _indexed(filing.pk) and "河道" not in _indexed(filing.pk)
    assert search.search(public, "河道") == ([], 0, False)
    assert search.search(public, "扬尘") == ([filing.pk], 1, False)
    search.unindex_document(filing.pk)
    assert _indexed(filing.pk) is None
    assert search.search(public, "扬尘") == ([], 0, False)
