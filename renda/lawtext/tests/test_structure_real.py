"""The parser against five real law texts whose structure was counted by hand (INDEX.tsv)."""

import pytest

from renda.lawtext import parse_text
from renda.lawtext.numerals import int_to_cn

from .conftest import law_index

ROWS = law_index()


@pytest.mark.parametrize("row", ROWS, ids=[r["file"] for r in ROWS])
def test_counts_match_the_hand_counted_index(row, law_text):
    doc = parse_text(law_text(row["file"]))
    assert doc.counts()["chapters"] == int(row["chapters"])
    assert doc.counts()["sections"] == int(row["sections"])
    assert doc.counts()["articles"] == int(row["articles"])
    assert doc.unplaced == []
    assert doc.warnings == []


@pytest.mark.parametrize("row", ROWS, ids=[r["file"] for r in ROWS])
def test_articles_are_contiguous_with_labels_as_written(row, law_text):
    doc = parse_text(law_text(row["file"]))
    assert [a.number for a in doc.articles] == list(range(1, len(doc.articles) + 1))
    assert [a.label for a in doc.articles] == [
        f"第{int_to_cn(n)}条" for n in range(1, len(doc.articles) + 1)
    ]


@pytest.mark.parametrize("row", ROWS, ids=[r["file"] for r in ROWS])
def test_title_is_the_first_line_and_offsets_point_into_the_source(row, law_text):
    doc = parse_text(law_text(row["file"]))
    assert row["title"].startswith(doc.title)
    for article in doc.articles:
        assert doc.source[article.start : article.end].startswith(article.label)
        first = article.paragraphs[0]
        assert doc.source[first.start : first.end].startswith(first.text)


def test_beijing_keeps_chapter_titles_as_written(law_text):
    doc = parse_text(law_text("beijing_jidongche_tingche_tiaoli_2024.txt"))
    assert doc.chapters[0].heading == "第一章 总 则"
    assert doc.chapters[0].title == "总 则"
    assert doc.articles[0].chapter == "第一章 总 则"
    assert doc.closing_chapter is not None and doc.closing_chapter.heading == "第五章 附 则"
    assert doc.effective is not None and doc.effective.date == "2018-05-01"
    assert len(doc.preamble) == 3


def test_jiaxing_keeps_two_spaces_in_chapter_titles(law_text):
    doc = parse_text(law_text("jiaxing_shenghuolaji_fenlei_tiaoli_2021.txt"))
    assert doc.chapters[0].heading == "第一章  总则"
    assert doc.articles[-1].chapter == "第七章  附则"
    assert doc.effective.article == "第三十一条"
    assert doc.effective.date == "2020-09-01"


def test_lifafa_sections_sit_inside_their_chapters(law_text):
    doc = parse_text(law_text("lifafa_2023.txt"))
    assert [s.parent for s in doc.sections] == ["第二章 法律"] * 5 + [
        "第四章 地方性法规、自治条例和单行条例、规章"
    ] * 2
    article_11 = doc.articles[10]
    assert article_11.label == "第十一条"
    assert article_11.section == "第一节 立法权限"
    assert len(article_11.paragraphs[0].items) == 11
    assert article_11.paragraphs[0].items[2].label == "（三）"
    assert doc.preamble[-1].endswith("修正）")
    assert doc.effective.date == "2000-07-01"


def test_flat_regulation_has_articles_without_chapters(law_text):
    doc = parse_text(law_text("jiaxing_yangquan_tiaoli_2021.txt"))
    assert doc.chapters == []
    assert all(a.chapter is None for a in doc.articles)
    assert len(doc.preamble) == 4


def test_regulation_without_preamble_has_an_empty_one(law_text):
    doc = parse_text(law_text("fagui_guizhang_beian_shencha_tiaoli_2024.txt"))
    assert doc.title == "法规规章备案审查条例"
    assert doc.preamble == []
    assert doc.effective.date == "2024-11-01"


def test_to_dict_has_the_documented_shape(law_text):
    data = parse_text(law_text("beijing_jidongche_tingche_tiaoli_2024.txt")).to_dict()
    assert data["counts"] == {
        "parts": 0,
        "subparts": 0,
        "chapters": 5,
        "sections": 0,
        "articles": 43,
    }
    first = data["articles"][0]
    assert (first["number"], first["label"], first["chapter"]) == (1, "第一条", "第一章 总 则")
    assert first["text"].startswith("为了加强本市机动车停车治理")
    assert data["unplaced"] == []
