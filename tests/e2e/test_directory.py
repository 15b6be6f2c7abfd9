"""Staff import deputies from Excel, fix a bad row, open a public page by its QR link."""

import io

import pytest
from openpyxl import Workbook

from tests.e2e.conftest import screenshot
from tests.e2e.test_login import log_in

pytestmark = pytest.mark.e2e

HEADER = ["姓名*", "代表层级*", "届次*", "联络站", "手机号"]


def xlsx(path, rows):
    workbook = Workbook()
    workbook.active.append(HEADER)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_import_with_a_bad_row_then_fixed_then_public_page(page, demo_site, tmp_path):
    log_in(page, demo_site.url, "staff")
    page.goto(f"{demo_site.url}/directory/deputies/import/")
    bad = xlsx(tmp_path / "bad.xlsx", [
        ["欧阳明远", "区县", "第十八届", "北门街道代表联络站", "13812345678"],
        ["司马青", "区县", 18, "北门街道代表联络站", "1381234"],
    ])  # fmt: skip
    page.set_input_files("#id_file", bad)
    page.click("text=上传并检查")
    error = page.locator('tr[data-row="3"] .error[data-field="phone"]')
    assert "手机号格式不正确" in error.inner_text()
    assert page.locator('[data-testid="commit"]').count() == 0
    screenshot(page, "directory-import-error")

    good = xlsx(tmp_path / "good.xlsx", [
        ["欧阳明远", "区县", "第十八届", "北门街道代表联络站", "13812345678"],
        ["司马青", "区县", 18, "北门街道代表联络站", "13812345679"],
    ])  # fmt: skip
    page.set_input_files("#id_file", good)
    page.click("text=上传并检查")
    page.click('[data-testid="commit"]')
    assert "已导入 2 名代表" in page.locator(".messages").inner_text()

    page.fill("#id_q", "oymy")  # pinyin initials of 欧阳明远
    page.wait_for_selector("text=欧阳明远")
    page.click("text=欧阳明远")
    assert "138****5678" in page.content()
    target = page.locator('[data-testid="qr-target"]').get_attribute("href")
    assert target.startswith("/d/")

    page.goto(demo_site.url + target)
    assert page.locator("h1").inner_text().startswith("欧阳明远")
    assert "北门街道代表联络站" in page.content()
    assert "13812345678" not in page.content() and "5678" not in page.content()
    screenshot(page, "directory-public-deputy")
    assert page.console_errors == []
