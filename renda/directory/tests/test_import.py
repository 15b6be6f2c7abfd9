"""Excel import: every error at its row and field, nothing written until all rows are right."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from openpyxl import Workbook, load_workbook

from renda.core.roles import Role
from renda.core.tests.factories import make_congress, make_user
from renda.directory import deputy_import, services
from renda.directory.models import Deputy, Station

pytestmark = pytest.mark.django_db

HEADER = ["姓名*", "代表层级*", "届次*", "联络站", "手机号", "身份证号", "性别"]


def sheet(*rows, header=HEADER) -> bytes:
    workbook = Workbook()
    workbook.active.append(header)
    for row in rows:
        workbook.active.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def setting():
    congress = make_congress()
    station = services.entry_save(
        instance=Station(congress=congress, name="北门站", kind=Station.Kind.LIAISON_STATION),
        actor=None,
    )
    staff = make_user(roles={Role.STAFF: congress})
    return congress, station, staff


def test_a_clean_sheet_imports_every_row(setting):
    congress, station, staff = setting
    data = sheet(
        ["张志强", "区县", "第十八届", "北门站", "13800138000", "11010519491231002X", "男"],
        ["陈丽华", "市人大代表", 16, "", 13900139000.0, "", "女"],
    )
    report, _ = deputy_import.check(congress=congress, data=data)
    assert report.ok, report
    assert deputy_import.commit(congress=congress, data=data, actor=staff) == 2
    zhang = Deputy.objects.get(name="张志强")
    assert (zhang.level, zhang.term, zhang.station, zhang.gender) == ("county", 18, station, "M")
    chen = Deputy.objects.get(name="陈丽华")
    assert chen.phone == "13900139000" and chen.name_initials == "clh"


def test_errors_are_reported_at_row_and_field_and_nothing_is_written(setting):
    congress, _station, staff = setting
    data = sheet(
        ["张志强", "区县", 18, "北门站", "13800138000", "", ""],
        ["李四", "街道", "十八", "南门站", "1380013", "110105194912310021", "未知"],
        ["", "区县", 18, "", "", "", ""],
    )
    report, _ = deputy_import.check(congress=congress, data=data)
    assert not report.ok
    rows = {row.number: row.errors for row in report.rows}
    assert rows[2] == {}
    assert set(rows[3]) == {"level", "station", "phone", "id_number", "gender"}
    assert "代表层级应为" in rows[3]["level"]
    assert "未知的联络站“南门站”" in rows[3]["station"]
    assert "手机号格式不正确" in rows[3]["phone"]
    assert "校验码" in rows[3]["id_number"]
    assert rows[4] == {"name": "“姓名”不能为空。"}
    with pytest.raises(ValidationError, match="未导入任何数据"):
        deputy_import.commit(congress=congress, data=data, actor=staff)
    assert not Deputy.objects.exists()


def test_duplicates_in_the_file_and_in_the_directory_are_caught(setting):
    congress, _station, staff = setting
    services.entry_save(
        instance=Deputy(
            congress=congress, name="王五", level="county", term=18, phone="13700137000"
        ),
        actor=staff,
    )
    data = sheet(
        ["赵六", "区县", 18, "", "", "11010519491231002X", ""],
        ["钱七", "区县", 18, "", "", "11010519491231002X", ""],
        ["王五", "区县", 18, "", "13700137000", "", ""],
    )
    report, _ = deputy_import.check(congress=congress, data=data)
    rows = {row.number: row.errors for row in report.rows}
    assert rows[3]["id_number"] == "与第2行身份证号重复。"
    assert "与已有代表“王五”重复" in rows[4]["phone"]


def test_a_file_that_is_not_excel_or_lacks_columns_is_refused(setting):
    congress, _station, _staff = setting
    report, _ = deputy_import.check(congress=congress, data=b"name,level\n")
    assert report.errors == ["文件不是有效的 Excel（.xlsx）文件，请用模板填写后上传。"]
    report, _ = deputy_import.check(congress=congress, data=sheet(header=["姓名", "届次"]))
    assert report.errors == ["缺少必填列“代表层级”。"]


def test_template_and_export_share_columns_and_escape_formulas(setting):
    congress, _station, staff = setting
    template = load_workbook(io.BytesIO(deputy_import.template()))
    headers = [c.value for c in template.active[1]]
    assert headers[:4] == ["姓名*", "性别", "代表层级*", "届次*"]
    assert "填写说明" in template.sheetnames
    services.entry_save(
        instance=Deputy(congress=congress, name="孙八", level="county", term=18,
                        occupation="=HYPERLINK(\"http://x\")"),
        actor=staff,
    )  # fmt: skip
    exported = load_workbook(io.BytesIO(deputy_import.export(Deputy.objects.all())))
    row = [c.value for c in exported.active[2]]
    assert row[0] == "孙八" and row[2] == "区县人大代表" and row[3] == 18
    assert row[headers.index("工作单位及职务")] == '\'=HYPERLINK("http://x")'
    # What we export imports again into another congress unchanged.
    other = make_congress()
    report, deputies = deputy_import.check(
        congress=other, data=deputy_import.export(Deputy.objects.all())
    )
    assert report.ok and deputies[0].name == "孙八"


def test_an_export_made_in_english_imports_again(setting):
    congress, _station, staff = setting
    services.entry_save(
        instance=Deputy(congress=congress, name="周九", level="city", term=16, gender="F"),
        actor=staff,
    )
    with translation.override("en"):
        data = deputy_import.export(Deputy.objects.all())
        report, deputies = deputy_import.check(congress=make_congress(), data=data)
    assert report.ok, [row.errors for row in report.rows]
    assert (deputies[0].level, deputies[0].gender, deputies[0].status) == ("city", "F", "serving")
