"""The law status data: seeded repeals, lookup by any form of the title, admin extensions."""

import pytest

from renda.lawtext import law_status
from renda.lawtext.laws import LawRegistry, LawStatus

CIVIL_CODE_REPEALS = [
    "婚姻法",
    "继承法",
    "民法通则",
    "收养法",
    "担保法",
    "合同法",
    "物权法",
    "侵权责任法",
    "民法总则",
]


@pytest.mark.parametrize("short", CIVIL_CODE_REPEALS)
def test_laws_replaced_by_the_civil_code_are_repealed(short):
    status = law_status(f"中华人民共和国{short}")
    assert status is not None and status.repealed
    assert status.repealed_on == "2021-01-01"
    assert status.replaced_by == "中华人民共和国民法典"
    assert law_status(f"《{short}》") == status


def test_laws_in_force_and_unknown_titles():
    assert law_status("中华人民共和国民法典").status == "in_force"
    assert law_status("立法法").status == "amended"
    assert law_status("立法法").amended == ("2015-03-15", "2023-03-13")
    assert law_status("某某不存在的法") is None


def test_registry_is_extendable_from_yaml(tmp_path):
    extra = tmp_path / "laws.yaml"
    extra.write_text(
        "laws:\n  - {title: 某市旧条例, status: repealed,"
        " repealed_on: 2020-05-01, aliases: [旧条例]}\n",
        encoding="utf-8",
    )
    registry = LawRegistry()
    registry.load(extra)
    assert registry.status("旧条例").repealed_on == "2020-05-01"


def test_registry_rejects_an_unknown_status():
    with pytest.raises(ValueError):
        LawRegistry().add(LawStatus(title="某法", status="gone"))


@pytest.mark.parametrize(
    ("title", "repealed_on", "replaced_by"),
    [
        ("法规规章备案条例", "2024-11-01", "法规规章备案审查条例"),
        ("国家行政机关公文处理办法", "2012-07-01", "党政机关公文处理工作条例"),
        ("档案法实施办法", "2024-03-01", "中华人民共和国档案法实施条例"),
    ],
)
def test_replaced_regulations_are_found_by_their_short_titles(title, repealed_on, replaced_by):
    status = law_status(title)
    assert status is not None and status.repealed
    assert (status.repealed_on, status.replaced_by) == (repealed_on, replaced_by)
    assert law_status(replaced_by).status == "in_force"
