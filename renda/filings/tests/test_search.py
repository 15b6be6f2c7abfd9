"""Chinese search on the database in use (run on SQLite and on PostgreSQL)."""

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


def test_two_character_words_are_found_ranked_and_filtered(world):
    market = _publish(world, "清河区农贸市场管理办法", CLEAN_TEXT, "1号")
    school = _publish(world, "清河区课后服务办法", "第一条 学校课后服务由家长自愿申请。\n"
                      "第二条 课后服务不得收取费用。", "2号")  # fmt: skip
    world.file(title="未入库的市场文件", text=CLEAN_TEXT, number="3号")
    public = Filing.objects.filter(is_public=True)
    assert search.search(public, "市场") == ([market.pk], 1)
    assert search.search(public, "课后") == ([school.pk], 1)
    assert search.search(public, "家长 自愿") == ([school.pk], 1)
    assert search.search(public, "家长 市场") == ([], 0)
    assert search.search(public.filter(title__contains="课后"), "市场") == ([], 0)
    assert search.search(public, "") == ([], 0)


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
