"""Citations: titles normalised, article/paragraph/item numbers as integers, self references."""

import pytest

from renda.lawtext import extract_citations
from renda.lawtext.citations import normalize_title


@pytest.mark.parametrize(
    ("title", "short"),
    [
        ("中华人民共和国行政处罚法", "行政处罚法"),
        ("《中华人民共和国行政处罚法》", "行政处罚法"),
        ("行政处罚法", "行政处罚法"),
        ("中华人民共和国立法法(2023年修正)", "立法法"),
        ("中华人民共和国企业破产法(试行)", "企业破产法（试行）"),
        ("中华人民共和国 民法典", "民法典"),
        ("北京市机动车停车条例", "北京市机动车停车条例"),
    ],
)
def test_titles_are_normalised(title, short):
    assert normalize_title(title) == short


def test_full_title_with_article():
    [c] = extract_citations("依照《中华人民共和国道路交通安全法》第九十条的规定处罚")
    assert (c.title, c.normalized_title, c.article) == (
        "中华人民共和国道路交通安全法",
        "道路交通安全法",
        90,
    )
    assert c.raw == "《中华人民共和国道路交通安全法》第九十条"
    assert not c.self_reference


def test_article_and_paragraph_and_item():
    [c] = extract_citations("依据《XX条例》第三条第二款第（一）项")
    assert (c.article, c.paragraph, c.item) == (3, 2, 1)
    [c2] = extract_citations("依据《XX条例》第一百零三条第二款第三项")
    assert (c2.article, c2.paragraph, c2.item) == (103, 2, 3)


def test_abbreviated_title_without_article():
    [c] = extract_citations("根据《行政处罚法》，制定本办法。")
    assert c.normalized_title == "行政处罚法" and c.article is None and c.is_law


def test_self_reference():
    cites = extract_citations("违反本法第九条规定的，依照本条例第二十一条第一款处理。")
    assert [(c.self_reference, c.article, c.paragraph) for c in cites] == [
        (True, 9, None),
        (True, 21, 1),
    ]
    assert cites[0].raw == "本法第九条"


def test_list_and_range_after_one_title():
    cites = extract_citations(
        "《中华人民共和国立法法》第八十条、第八十二条第二款和《行政许可法》第十四条至第十七条"
    )
    assert [(c.normalized_title, c.article, c.paragraph, c.article_end) for c in cites] == [
        ("立法法", 80, None, None),
        ("立法法", 82, 2, None),
        ("行政许可法", 14, None, 17),
    ]


def test_nested_title_and_non_law_titles():
    cites = extract_citations("《关于修改〈中华人民共和国立法法〉的决定》和《人民日报》")
    assert cites[0].normalized_title == "关于修改〈中华人民共和国立法法〉的决定"
    assert cites[0].is_law and not cites[1].is_law


def test_spans_point_into_the_text():
    text = "根据《合同法》第五十二条，结合本市实际。"
    [c] = extract_citations(text)
    assert text[c.start : c.end] == "《合同法》第五十二条"
