"""A consultation end to end: upload a draft, a citizen comments, an officer enters an offline
opinion, staff generate the feedback report, import the final text and mark an opinion adopted."""

import io

import pytest
from docx import Document

from renda.legislation.tests.factories import DRAFT
from tests.e2e.conftest import screenshot
from tests.e2e.test_login import log_in

pytestmark = pytest.mark.e2e

FINAL = DRAFT.replace("（草案）", "").replace("五十元以上五百元以下", "二十元以上二百元以下")


def docx_file(path, text):
    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    return str(path)


def test_consultation_end_to_end(browser, demo_site, tmp_path):
    base = demo_site.url
    staff = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    staff.console_errors = []
    staff.on("console", lambda m: m.type == "error" and staff.console_errors.append(m.text))
    log_in(staff, base, "lawstaff")
    staff.goto(f"{base}/legislation/new/")
    staff.set_input_files("#id_draft", docx_file(tmp_path / "draft.docx", DRAFT))
    staff.fill("#id_closes_on", "2030-12-31")
    staff.click("text=上传并识别条文")
    assert "识别出 4 条" in staff.locator(".messages").inner_text()
    assert staff.locator('[data-testid="articles"] tbody tr').count() == 5  # the whole + 4
    staff.click('[data-testid="publish"]')
    assert staff.locator('[data-testid="state"]').inner_text() == "征询中"
    detail_url = staff.url
    screenshot(staff, "legislation-staff-detail")

    citizen = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}).new_page()
    citizen.goto(f"{base}/drafts/")
    citizen.click("text=清河区测试条例（草案）")
    citizen.click('[data-testid="comment-3"]')
    citizen.fill("#id_text", "第三条罚款幅度太宽，建议首次违法以教育为主。")
    citizen.fill("#id_name", "钱晓东")
    citizen.click('[data-testid="send"]')
    assert "意见已收到" in citizen.locator('[data-testid="received"]').inner_text()
    screenshot(citizen, "legislation-public-received")

    officer = browser.new_context(locale="zh-CN").new_page()
    log_in(officer, base, "officer")
    officer.goto(f"{base}/legislation/portal/")
    officer.click("text=清河区测试条例（草案）")
    form = officer.locator('[data-testid="offline"]')
    form.locator("#id_article").select_option("1")
    form.locator("#id_text").fill("村民建议写明立法目的包括保护群众利益。")
    form.locator("#id_method").select_option("symposium")
    assert form.locator("#id_point").input_value() != ""
    officer.click('[data-testid="offline-save"]')
    assert "座谈会" in officer.locator('[data-testid="mine"]').inner_text()

    staff.goto(detail_url)
    assert staff.locator('[data-testid="total"]').inner_text() == "2"
    staff.click('[data-testid="close"]')
    with staff.expect_download() as download:
        staff.click('[data-testid="report"]')
    report = Document(io.BytesIO(download.value.path().read_bytes()))
    text = "\n".join(p.text for p in report.paragraphs)
    assert "共收到意见2条" in text
    assert "第三条罚款幅度太宽，建议首次违法以教育为主。" in text
    assert "座谈会" not in text and "信息员录入1条" in text

    staff.goto(detail_url + "final/")
    staff.set_input_files("#id_final", docx_file(tmp_path / "final.docx", FINAL))
    staff.click('[data-testid="import-final"]')
    compare = staff.locator('[data-testid="compare"]')
    assert "有修改" in compare.inner_text()
    assert compare.locator("ins", has_text="二").count() == 2
    assert compare.locator("del", has_text="五").count() == 2
    screenshot(staff, "legislation-compare")

    staff.goto(detail_url + "opinions/?article=3")
    staff.locator('input[name="opinion"]').first.check()
    staff.select_option("#a-adoption", "adopted")
    staff.click('[data-testid="mark-adoption"]')
    assert staff.locator('[data-testid="adoption"]').first.inner_text().startswith("采纳")
    certificate = staff.locator('[data-testid="adoption"] a').first.get_attribute("href")
    assert staff.request.get(base + certificate).body().startswith(b"%PDF")
    screenshot(staff, "legislation-adopted")
    staff.goto(f"{base}/legislation/statistics/")
    staff.wait_for_selector("#lx-chart-years canvas")
    screenshot(staff, "legislation-statistics")
    assert staff.console_errors == []
