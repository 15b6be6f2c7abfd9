"""Pre-review over the many ways drafters write: clean clauses, validity periods, prohibitions,
real laws at their own level, and conflicts in kind and in working days."""

from pathlib import Path

import pytest

from renda.lawtext import prereview
from renda.lawtext.rules import build_ruleset

DATA = Path(__file__).resolve().parent / "data"
CLEAN = [
    line
    for line in (DATA / "clean_clauses.txt").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]


@pytest.mark.parametrize("text", CLEAN)
def test_a_clean_clause_gives_no_finding(text):
    assert [(f.category, f.trigger) for f in prereview(text)] == []


def categories(text, **kwargs):
    return {f.category for f in prereview(text, **kwargs)}


def test_a_prohibition_governs_its_list_across_commas_until_a_new_statement():
    assert "fee" not in categories(
        "中介机构不得依托行政职能强制要求企业加入协会，搭车或者强制收取会员费、培训费。"
    )
    assert "penalty" in categories("严禁占道经营，违者处以二百元罚款。")
    assert "fee" in categories("不得擅自占道施工，确需占道的应当缴纳占道保证金。")


def test_a_clause_naming_a_law_without_title_marks_only_refers_to_its_penalty():
    assert categories("违反本办法规定的，依照城市道路管理条例第四十二条的规定处罚。") == set()
    assert "penalty" in categories("违反本办法第三条规定的，依照本办法处二百元罚款。")


VALIDITY = [
    ("本办法自2024年1月1日施行。", True),
    ("本办法从2024年1月1日起施行。", True),
    ("本办法自公布之日起三十日后施行。", True),
    ("本办法于2024年1月1日起实行。", True),
    ("本办法自2024年1月1日起施行，有效期限为5年。", False),
    ("本办法自2024年1月1日起施行，执行期限至2028年12月31日。", False),
    ("本办法自2024年1月1日起施行，有效至2031年12月31日。", True),
    ("本办法自2024年1月1日起至2028年12月31日止执行。", False),
    ("本办法自2024年1月1日起至2032年12月31日止执行。", True),
    ("本办法自二〇二四年一月一日起施行，有效期至二〇三二年十二月三十一日。", True),
    ("本办法自2024年1月1日起试行，试行期为三年。", True),
    ("本办法自2024年1月1日起试行，试行期为二年。", False),
    ("本办法自2024年1月1日起施行，有效期18个月。", False),
    ("本办法自发布之日起施行。本办法有效期为5年。", False),
    ("本办法自2024年1月1日起施行，长期执行。", True),
]


@pytest.mark.parametrize(("clause", "flagged"), VALIDITY)
def test_validity_is_read_in_its_many_forms(clause, flagged):
    text = f"某市管理办法\n第九条 {clause}"
    assert ("validity" in categories(text)) == flagged


def test_a_licence_validity_is_not_the_document_validity():
    text = "某市管理办法\n第八条 许可证有效期为十年。\n第九条 本办法自2024年1月1日起施行。"
    [finding] = prereview(text)
    assert (finding.category, finding.article) == ("validity", "第九条")
    assert prereview(text.replace("施行。", "施行，有效期5年。")) == []


def test_a_trial_document_is_known_by_its_wording_not_only_its_title():
    text = "某市管理办法\n第九条 本暂行办法自2024年1月1日起施行，有效期三年。"
    assert "validity" in categories(text)


def test_real_laws_at_their_own_level_give_no_finding_but_a_certificate_demand():
    levels = {
        "lifafa_2023.txt": "law",
        "fagui_guizhang_beian_shencha_tiaoli_2024.txt": "administrative_regulation",
        "beijing_jidongche_tingche_tiaoli_2024.txt": "local_regulation",
        "jiaxing_shenghuolaji_fenlei_tiaoli_2021.txt": "local_regulation",
        "jiaxing_yangquan_tiaoli_2021.txt": "local_regulation",
    }
    found = []
    for name, level in levels.items():
        text = (DATA / name).read_text(encoding="utf-8")
        found += [(name, f.category) for f in prereview(text, doc_type=level)]
    assert found == [("jiaxing_yangquan_tiaoli_2021.txt", "certification")]


MARRIAGE = (
    "中华人民共和国民法典\n第一千零四十九条 要求结婚的男女双方应当亲自到婚姻登记机关申请结婚登记。"
    "符合本法规定的，予以登记，发给结婚证。"
)


def test_a_refusal_the_higher_law_does_not_allow_is_a_conflict():
    clause = "第五条 未提交婚前医学检查证明的，婚姻登记机关不予登记。"
    assert "conflict" in categories(clause, doc_type="local_regulation", higher=MARRIAGE)


def test_a_refusal_that_only_restates_a_failed_condition_is_not_a_conflict():
    clause = "第五条 不符合本法规定条件的，婚姻登记机关不予登记。"
    assert "conflict" not in categories(clause, doc_type="local_regulation", higher=MARRIAGE)


LICENSING = (
    "中华人民共和国行政许可法\n第四十二条 "
    "行政机关应当自受理行政许可申请之日起二十日内作出行政许可决定。"
    "二十日内不能作出决定的，经本行政机关负责人批准，可以延长十日。"
)


@pytest.mark.parametrize(
    ("limit", "conflict"),
    [("四十五个工作日", True), ("二十个工作日", False), ("十五日", True), ("二十日", False)],
)
def test_working_days_are_compared_with_days_as_a_span(limit, conflict):
    clause = f"第五条 行政机关应当自受理行政许可申请之日起{limit}内作出行政许可决定。"
    assert ("conflict" in categories(clause, higher=LICENSING)) == conflict


def test_an_unknown_macro_is_reported():
    data = {"version": "x", "negations": "不得$", "rules": [], "macros": {"A": "{B}"}}
    with pytest.raises(ValueError, match="unknown macro"):
        build_ruleset(data)


def test_each_level_is_held_to_the_penalties_it_may_set():
    revoke = "情节严重的，由市场监督管理部门吊销营业执照。"
    fine = "违反本条例规定的，由城市管理部门处二千元罚款。"
    confiscate = "拒不改正的，没收其违法经营的工具。"
    assert "penalty" in categories(revoke, doc_type="local_regulation")
    assert "penalty" not in categories(fine, doc_type="local_regulation")
    assert "penalty" not in categories(confiscate, doc_type="local_regulation")
    assert "penalty" in categories(confiscate, doc_type="rule")
    assert "penalty" not in categories(fine, doc_type="rule")
    assert "penalty" not in categories(revoke, doc_type="administrative_regulation")


def test_a_qualification_licence_in_a_local_regulation_is_flagged():
    text = "从事养老护理服务的人员，应当取得市民政部门颁发的执业资格证书后方可上岗。"
    assert "licensing" in categories(text, doc_type="local_regulation")
    assert "licensing" not in categories(text, doc_type="administrative_regulation")
    plain = "设置户外广告，应当取得城市管理部门核发的设置许可证。"
    assert "licensing" not in categories(plain, doc_type="local_regulation")
