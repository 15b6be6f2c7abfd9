"""The parser on messy inputs: spaces in labels, page furniture, tables, lists, notes."""

from renda.lawtext import parse_text

from .conftest import DATA


def messy():
    return parse_text((DATA / "messy_draft.txt").read_text(encoding="utf-8"))


def test_revision_note_above_the_title_goes_to_the_preamble():
    doc = messy()
    assert doc.title == "某某市物业管理条例（草案）"
    assert doc.preamble == [
        "（2019年5月1日市人民代表大会常务委员会第十次会议通过  根据2021年3月1日修正）"
    ]


def test_table_of_contents_is_kept_apart_from_the_chapters():
    doc = messy()
    assert doc.toc == ["第一章 总 则", "第二章 业主", "第三章 附则"]
    assert [c.heading for c in doc.chapters] == ["第一章 总 则", "第二章 业主", "第三章 附则"]


def test_spaced_and_arabic_labels_are_read():
    doc = messy()
    assert [a.number for a in doc.articles] == [1, 2, 3, 4, 5, 6, 7]
    assert doc.articles[0].label == "第一条"
    assert doc.articles[1].label == "第2条"


def test_article_split_across_lines_is_joined():
    first = messy().articles[0]
    assert len(first.paragraphs) == 1
    assert "等法律、行政法规，结合本市实际" in first.paragraphs[0].text


def test_page_numbers_and_running_headers_are_removed_and_listed():
    doc = messy()
    reasons = [(s.text, s.reason) for s in doc.removed]
    assert ("- 3 -", "page number") in reasons
    assert reasons.count(("某某市物业管理条例（草案）", "running header")) == 3
    assert all("某某市物业管理条例" not in a.text for a in doc.articles)
    assert doc.articles[4].text == "业主享有下列权利。"


def test_items_and_subitems_nest_under_their_paragraph():
    art = messy().articles[2]
    assert art.caption == "管理原则"
    assert len(art.paragraphs) == 2
    items = art.paragraphs[0].items
    assert [(i.number, i.label) for i in items] == [(1, "(一)"), (2, "（二）"), (3, "（三）")]
    assert [(s.number, s.text) for s in items[1].subitems] == [
        (1, "业主大会决定；"),
        (2, "业主委员会执行；"),
    ]
    assert art.paragraphs[1].text.startswith("前款规定的原则")


def test_label_alone_on_its_line_takes_the_next_line_and_a_table():
    art = messy().articles[3]
    assert art.paragraphs[0].text == "物业服务收费标准如下："
    assert art.tables[0].rows == [
        ["类别", "标准（元/平方米·月）"],
        ["住宅", "1.5"],
        ["商业", "3.0"],
    ]
    assert "住宅\t1.5" in art.text


def test_bracketed_annotation_is_a_note():
    assert messy().articles[1].notes == ["【注：本条于2021年修改】"]


def test_closing_parts_attachment_and_effective_date():
    doc = messy()
    assert doc.closing_chapter.heading == "第三章 附则"
    assert doc.effective.article == "第七条" and doc.effective.date == "2022-01-01"
    assert [(a.label, a.title) for a in doc.attachments] == [("附件", "物业服务等级标准")]
    assert doc.attachments[0].text.startswith("一级服务")


def test_text_between_a_heading_and_the_first_article_is_reported_unplaced():
    doc = parse_text(
        "某条例\n第一章 总则\n这是一段无法归属的文字。\n第一条 为了规范。\n第二条 本条例施行。"
    )
    assert [s.text for s in doc.unplaced] == ["这是一段无法归属的文字。"]
    assert doc.counts()["articles"] == 2


def test_sentence_starting_with_an_article_reference_is_not_a_new_article():
    doc = parse_text("某条例\n第一条 违反本条例\n第十条规定的，处罚款。\n第二条 施行。")
    assert [a.label for a in doc.articles] == ["第一条", "第二条"]
    assert "第十条规定的" in doc.articles[0].text


def test_numbering_gap_is_warned_not_hidden():
    doc = parse_text("某办法\n第一条 甲。\n第三条 乙。")
    assert doc.warnings == ["第三条 follows 第一条"]


def test_civil_code_style_parts_subparts_and_running_chapter_numbers():
    text = "\n".join(
        [
            "中华人民共和国民法典",
            "第一编 总则",
            "第一章 基本规定",
            "第一条 为了保护民事主体的合法权益，制定本法。",
            "第二编 物权",
            "第一分编 通则",
            "第一章 一般规定",
            "第二百零五条 本编调整物权关系。",
            "第二章 物权的设立",
            "第二百零八条 不动产物权的设立应当依法登记。",
            "第二分编 所有权",
            "第三章 一般规定",
            "第二百四十条 所有权人享有占有的权利。",
            "第二百四十条之一 这是插入的条文。",
        ]
    )
    doc = parse_text(text)
    assert doc.counts() == {"parts": 2, "subparts": 2, "chapters": 4, "sections": 0, "articles": 5}
    last = doc.articles[-1]
    assert (last.number, last.sub_number, last.label) == (240, 1, "第二百四十条之一")
    assert last.part == "第二编 物权" and last.subpart == "第二分编 所有权"
    assert last.chapter == "第三章 一般规定"
    assert doc.chapters[3].parent == "第二分编 所有权"
    heading_warnings = [w for w in doc.warnings if "章" in w or "编" in w]
    assert heading_warnings == []


def test_normative_document_numbered_with_outline_headings():
    doc = parse_text(
        "关于加强管理的通知\n一、总体要求\n（一）坚持依法。\n二、工作措施\n三、施行\n本通知自印发之日起施行。"
    )
    assert doc.numbering == "outline"
    assert [a.label for a in doc.articles] == ["一、", "二、", "三、"]
    assert doc.articles[0].paragraphs[0].items[0].text == "坚持依法。"
    assert doc.effective.on_publication is True


def test_bare_chapter_label_takes_its_title_from_the_next_line():
    doc = parse_text("某条例\n第一章\n总则\n第一条 为了规范。")
    assert doc.chapters[0].title == "总则"
    assert doc.articles[0].chapter == "第一章 总则"


def test_crlf_full_width_spaces_and_bom_are_normalised():
    doc = parse_text("\ufeff某条例\r\n第　一　条　为了规范。\r\n第二条\u3000施行。\r\n")
    assert [a.label for a in doc.articles] == ["第一条", "第二条"]
    assert doc.articles[0].text == "为了规范。"
