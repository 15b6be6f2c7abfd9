"""Pre-review behaviour: spans, document types, references to laws, document-level checks."""

from renda.lawtext import parse_text, prereview

DOC = """某市养犬管理办法

第一条 为了规范养犬行为，根据《中华人民共和国动物防疫法》，制定本办法。
第二条 养犬人应当取得区公安部门核发的养犬许可证。
第三条 违反本办法第二条规定的，由公安机关处五百元罚款。
第四条 携犬出户未束犬链的，依照《中华人民共和国动物防疫法》第一百条的规定处罚。
第五条 本办法自2024年1月1日起施行。
"""


def test_findings_carry_article_span_trigger_explanation_and_basis():
    findings = prereview(DOC)
    by_category = {f.category: f for f in findings}
    fine = by_category["penalty"]
    assert fine.article == "第三条"
    assert fine.trigger == "处五百元罚款"
    assert (
        DOC[fine.start : fine.end]
        == fine.clause
        == "违反本办法第二条规定的，由公安机关处五百元罚款。"
    )
    assert "行政处罚法" in fine.basis and "规范性文件不得设定行政处罚" in fine.explanation
    assert by_category["licensing"].article == "第二条"
    assert by_category["validity"].article == "第五条"
    assert [f.start for f in findings] == sorted(f.start for f in findings)


def test_reference_to_a_penalty_set_by_a_cited_law_is_not_a_finding():
    assert not any(f.article == "第四条" for f in prereview(DOC))


def test_a_regulation_may_set_what_a_normative_document_may_not():
    assert {f.category for f in prereview(DOC, doc_type="local_regulation")} == set()
    assert {f.category for f in prereview(DOC, doc_type="rule")} == {"licensing"}


def test_detention_is_flagged_even_in_a_local_regulation():
    findings = prereview(
        "第十条 拒不改正的，由公安机关处五日以下拘留。", doc_type="local_regulation"
    )
    assert [f.category for f in findings] == ["penalty"]


def test_repealed_citation_names_the_date_and_replacement():
    [f] = prereview("第一条 根据《中华人民共和国物权法》第三十九条，制定本办法。")
    assert f.category == "repealed_citation"
    assert f.trigger == "《中华人民共和国物权法》"
    assert "2021-01-01" in f.explanation and "民法典" in f.explanation


def test_mention_of_a_repeal_is_not_a_repealed_citation():
    assert prereview("《中华人民共和国民法典》施行后，《中华人民共和国合同法》同时废止。") == []


def test_validity_of_a_trial_document_is_limited_to_two_years():
    text = "某市停车收费管理暂行办法\n第九条 本办法自2024年1月1日起施行，有效期3年。"
    [f] = prereview(text)
    assert f.category == "validity" and "3年" in f.explanation
    assert prereview(text.replace("有效期3年", "有效期2年")) == []


def test_a_fragment_without_effective_clause_gets_no_validity_finding():
    assert prereview("第三条 各部门应当加强协作。") == []


def test_outline_numbered_document_reports_outline_labels():
    text = (
        "关于规范校外培训的通知\n一、总体要求\n培训机构应当缴纳十万元风险保证金。\n"
        "二、施行\n本通知自印发之日起施行，有效期5年。"
    )
    [f] = prereview(text)
    assert (f.category, f.article) == ("fee", "一、")


def test_unknown_doc_type_is_refused():
    import pytest

    with pytest.raises(ValueError):
        prereview("x", doc_type="decree")


HIGHER = """中华人民共和国某某法
第十条 行政机关不得在法定期限外收取任何费用。
第二十条 经营者违反本法规定的，由市场监督管理部门处二千元以上二万元以下罚款。
第三十条 规范性文件应当自公布之日起三十日内报送备案。
"""


def test_conflict_with_a_higher_prohibition_is_flagged():
    text = "第五条 行政机关可以在法定期限外收取相关费用。"
    found = [
        f
        for f in prereview(text, doc_type="local_regulation", higher=HIGHER)
        if f.category == "conflict"
    ]
    assert len(found) == 1
    assert "第十条" in found[0].trigger and "不得" in found[0].explanation


def test_conflict_on_amounts_outside_the_higher_range_and_different_time_limits():
    text = (
        "第八条 经营者违反本条例规定的，由市场监督管理部门处五万元罚款。\n"
        "第九条 规范性文件应当自公布之日起六十日内报送备案。\n"
        "第十条 经营者违反本条例规定的，由市场监督管理部门处五千元罚款。"
    )
    findings = prereview(text, doc_type="local_regulation", higher=parse_text(HIGHER))
    assert [(f.article, f.category) for f in findings] == [
        ("第八条", "conflict"),
        ("第九条", "conflict"),
    ]


def test_no_conflict_without_a_shared_subject_or_without_higher_law():
    text = "第五条 学校可以组织学生参加社会实践。"
    assert prereview(text, higher=HIGHER) == []
    findings = prereview(
        "第五条 行政机关可以在法定期限外收取相关费用。", doc_type="local_regulation"
    )
    assert "conflict" not in {f.category for f in findings}


def test_a_filing_deadline_is_not_mistaken_for_an_effective_date():
    text = "某办法\n第九条 规范性文件应当自公布之日起三十日内报送备案。"
    assert prereview(text) == []
