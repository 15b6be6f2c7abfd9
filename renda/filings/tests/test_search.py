"""Chinese search on the database in use (run on SQLite and on PostgreSQL)."""

import datetime as dt
import itertools

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


NUMBERS = itertools.count(1)


def _bulk_public(world, count, text, *, ids=None):
    """Create and index public documents (with the given ids, else new ones); return their ids."""
    texts = text if isinstance(text, list) else [text] * count
    created = Filing.objects.bulk_create(
        Filing(pk=ids[n] if ids else None, congress=world.congress, body=world.body,
               gov_reviewer=world.reviewer_org, title=f"办法{n}", number=f"批{next(NUMBERS)}号",
               published_on=dt.date(2024, 1, 1), filed_on=dt.date(2024, 1, 1),
               due_on=dt.date(2024, 1, 1), text=texts[n], segmented=search.segment(texts[n]),
               is_public=True)
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


def test_the_count_is_exact_up_to_the_cap(world, monkeypatch):
    monkeypatch.setattr(search, "MAX_COUNT", 12)
    monkeypatch.setattr(search, "WINDOW", 13)
    ids = _bulk_public(world, 12, "第一条 河道保洁。")
    public = Filing.objects.filter(is_public=True)
    assert search.search(public, "河道", limit=20) == (ids[::-1], 12, False)
    newer = _bulk_public(world, 1, "第一条 河道保洁。")
    assert search.search(public, "河道", limit=20) == ([*newer, *ids[::-1][:11]], 12, True)


# Three runs of ten documents far apart (ids in buckets 2, 5 and 9 of 1,000): every one says
# 河道, 停车 only the oldest run, 扬尘 two of them; 公示 every second document, 收费 every third.
RUNS = [*range(2001, 2011), *range(5001, 5011), *range(9001, 9011)]


def _runs_text(pk: int) -> str:
    words = ["河道保洁"]
    if pk < 3000:
        words.append("停车管理")
    if pk in (2003, 2004):
        words.append("扬尘污染")
    if pk % 2 == 0:
        words.append("价格公示")
    if pk % 3 == 0:
        words.append("收费标准")
    return "第一条 " + "。".join(words) + "。"


@pytest.mark.parametrize("plain_below", [0, 10**9], ids=["bucket-steps", "one-query"])
def test_the_newest_matches_are_found_however_often_the_words_occur(
    world, monkeypatch, plain_below
):
    monkeypatch.setattr(search, "MAX_COUNT", 4)
    monkeypatch.setattr(search, "WINDOW", 5)
    monkeypatch.setattr(search, "PLAIN_BELOW", plain_below)
    _bulk_public(world, len(RUNS), [_runs_text(pk) for pk in RUNS], ids=RUNS)
    public = Filing.objects.filter(is_public=True)

    def found(scope, query):
        result = search.search(scope, query, limit=10)
        return set(result.ids), result.total, result.more

    assert found(public, "河道") == ({9010, 9009, 9008, 9007}, 4, True)
    assert found(public, "停车") == ({2010, 2009, 2008, 2007}, 4, True)
    assert found(public, "扬尘") == ({2003, 2004}, 2, False)
    assert found(public, "公示") == ({9010, 9008, 9006, 9004}, 4, True)
    assert found(public, "收费") == ({9009, 9006, 9003, 5010}, 4, True)
    assert found(public, "河道 收费") == ({9009, 9006, 9003, 5010}, 4, True)
    assert found(public, "停车 收费") == ({2001, 2004, 2007, 2010}, 4, False)
    oldest = public.filter(pk__lt=3000)  # a narrow filter: read in the database
    assert found(oldest, "河道") == ({2010, 2009, 2008, 2007}, 4, True)
    assert found(public.filter(pk__in=[2001, 5001, 9001]), "河道") == ({2001, 5001, 9001}, 3, False)


def test_the_index_is_the_one_of_the_backend(db):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'filing_search_gin'")
            assert "gin (words, bucket, scope)" in cursor.fetchone()[0].lower()
        else:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'filings_search'")
            assert "unicode61" in cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgres_ctype_segments_chinese(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('simple', '人大 代表') @@ to_tsquery('simple', '代表')")
        assert cursor.fetchone()[0] is True


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_a_document_lands_in_the_bucket_of_its_id(world):
    ids = _bulk_public(world, 2, "第一条 河道保洁。", ids=[999, 12345])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, bucket FROM {search.FTS_TABLE} ORDER BY id")
        assert cursor.fetchall() == [(pk, [pk // search.BUCKET]) for pk in ids]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_search_leaves_the_planner_settings_as_they_were(world):
    _bulk_public(world, 3, "第一条 河道保洁。")
    assert search.search(Filing.objects.filter(is_public=True), "河道").total == 3
    with connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone()[0] == "on"


def _indexed(pk: int) -> str | None:
    """The words the search table holds for a filing (None when it is not there).

    On PostgreSQL the head to rank by must be there exactly when the words are, and agree.
    """
    postgres = connection.vendor == "postgresql"
    column, key = ("words::text", "id") if postgres else ("segmented", "rowid")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {search.FTS_TABLE} WHERE {key} = %s", [pk])
        row = cursor.fetchone()
        if postgres:
            cursor.execute(f"SELECT head::text FROM {search.HEAD_TABLE} WHERE id = %s", [pk])
            head = cursor.fetchone()
            assert (head is None) == (row is None)
            if head:
                assert {w.split(":")[0] for w in head[0].split()} <= {
                    w.split(":")[0] for w in row[0].split()
                }
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


def _varied_public(world, rows):
    """Create and index public documents of (id, body, year, validity, doc type, text) rows."""
    created = Filing.objects.bulk_create(
        Filing(pk=pk, congress=world.congress, body=body, gov_reviewer=world.reviewer_org,
               title=f"办法{pk}", number=f"变{pk}号", published_on=dt.date(year, 3, 1),
               filed_on=dt.date(year, 3, 1), due_on=dt.date(year, 3, 1), text=text,
               segmented=search.segment(text), is_public=True, validity=validity,
               doc_type=doc_type)
        for pk, body, year, validity, doc_type, text in rows
    )  # fmt: skip
    for filing in created:
        search.index_document(filing.pk, filing.segmented)
    return created


FILTERS = [
    {"body": "区教育局"},
    {"body": "区教育局", "year": 2023},
    {"year": 2024},
    {"validity": "repealed"},
    {"doc_type": "government", "validity": "in_force"},
    {"body": "区市场监督管理局", "year": 2024, "validity": "amended", "doc_type": "other"},
    {"body": "没有这个单位"},
]


@pytest.mark.parametrize("plain_below", [0, 10**9], ids=["bucket-steps", "one-query"])
def test_a_filtered_search_finds_the_unfiltered_results_within_the_filter(
    world, monkeypatch, plain_below
):
    from renda.filings import selectors

    monkeypatch.setattr(search, "MAX_COUNT", 1000)
    monkeypatch.setattr(search, "WINDOW", 3)
    monkeypatch.setattr(search, "PLAIN_BELOW", plain_below)
    bodies = [world.body, world.other_body]
    rows = [
        (pk, bodies[pk % 2], 2022 + pk % 3, ["in_force", "amended", "repealed"][pk % 5 % 3],
         ["administrative", "government", "other"][pk % 7 % 3], _runs_text(pk))
        for pk in RUNS
    ]  # fmt: skip
    _varied_public(world, rows)
    public = selectors.public_documents()
    for query in ("河道", "收费", "停车 收费", "扬尘"):
        everything = search.search(public, query, limit=100).ids
        for filters in FILTERS:
            documents = selectors.public_documents(**filters)
            scope = selectors.public_scope(**filters)
            within = set(documents.values_list("pk", flat=True))
            expected = [pk for pk in everything if pk in within]
            found = search.search(documents, query, scope=scope, limit=100)
            assert found == (expected, len(expected), False), (query, filters)
    assert search.search(selectors.public_documents(**FILTERS[0]), "河道", limit=100).total > 4


def _public_page(query: str, **filters) -> list[int]:
    from renda.filings import public

    page = public.search_page({"q": query, **filters})
    return [document.pk for document, _ in page["results"]]


def test_a_status_change_moves_a_document_between_filtered_searches(world):
    from renda.filings import services

    filing = _publish(world, "清河区河道管理办法", "第一条 河道保洁由街道负责。", "1号")
    other = _publish(world, "清河区河道保洁办法", "第一条 河道保洁经费列入预算。", "2号")
    assert _public_page("河道", validity="in_force") == [other.pk, filing.pk]
    assert _public_page("河道", validity="repealed") == []
    services.validity_set(filing=filing, validity="repealed", actor=world.staff)
    assert _public_page("河道", validity="in_force") == [other.pk]
    assert _public_page("河道", validity="repealed") == [filing.pk]
    services.validity_set(filing=filing, validity="in_force", actor=world.staff)
    assert _public_page("河道", validity="in_force") == [other.pk, filing.pk]
    Filing.objects.filter(pk=other.pk).update(validity="expired", doc_type="other")
    assert _public_page("河道", validity="in_force") == [filing.pk]
    assert _public_page("河道", validity="expired", doc_type="other") == [other.pk]
    Filing.objects.filter(pk=other.pk).update(is_public=False)
    assert _public_page("河道", validity="expired") == []
    assert _public_page("河道") == [filing.pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_the_filter_keys_follow_the_filing_row_whoever_changes_it(world):
    from renda.filings import services

    filing = _publish(world, "清河区河道管理办法", "第一条 河道保洁由街道负责。", "1号")
    year = filing.published_on.year

    def keys():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT scope FROM {search.FTS_TABLE} WHERE id = %s", [filing.pk])
            return set(cursor.fetchone()[0])

    assert keys() == {f"b{world.body.pk}", f"y{year}", "vin_force", "tadministrative"}
    services.validity_set(filing=filing, validity="amended", actor=world.staff)
    assert "vamended" in keys() and "vin_force" not in keys()
    Filing.objects.filter(pk=filing.pk).update(
        body=world.other_body, published_on=dt.date(2020, 5, 1), doc_type="other"
    )
    assert keys() == {f"b{world.other_body.pk}", "y2020", "vamended", "tother"}
    Filing.objects.filter(pk=filing.pk).update(is_public=False)
    assert keys() == set()
    found = search.search(Filing.objects.all(), "河道", scope=search.Scope(validity="amended"))
    assert found == ([], 0, False)  # the index alone leaves it out
