"""A body files a late document with a penalty clause; it is reviewed, corrected and published."""

import datetime as dt

import pytest

from renda.filings.tests.factories import CLEAN_TEXT, PENALTY_TEXT, docx_bytes
from tests.e2e.conftest import screenshot
from tests.e2e.test_login import log_in

pytestmark = pytest.mark.e2e


def log_out(page, base_url):
    page.click("text=退出")
    page.wait_for_url(f"{base_url}/")


def test_late_filing_with_a_penalty_is_corrected_and_published(page, demo_site, tmp_path):
    base = demo_site.url
    original = tmp_path / "农贸市场管理办法.docx"
    original.write_bytes(docx_bytes(PENALTY_TEXT))
    corrected = tmp_path / "农贸市场管理办法（修改稿）.docx"
    corrected.write_bytes(docx_bytes(CLEAN_TEXT))
    published = (dt.date.today() - dt.timedelta(days=45)).isoformat()

    log_in(page, base, "filer")
    page.goto(f"{base}/filings/new/")
    page.fill("#id_title", "清河区农贸市场管理办法")
    page.fill("#id_number", "清市监规〔2026〕9号")
    page.fill("#id_published_on", published)
    page.set_input_files("#id_file", str(original))
    page.fill("#id_drafting_notes", "为规范农贸市场秩序起草。")
    page.fill("#id_legality_opinion", "经审核，未发现违法内容。")
    page.click("button:has-text('报备')")
    assert "已同时报送人大常委会和政府备案审查机关" in page.locator(".messages").inner_text()
    assert "逾期报备" in page.locator('[data-testid="late"]').inner_text()
    filing_url = page.url
    log_out(page, base)

    log_in(page, base, "govreviewer")
    page.goto(f"{base}/filings/")
    page.click("text=清河区农贸市场管理办法")
    assert page.locator('[data-testid="state-government"]').inner_text() == "待形式审查"
    assert page.locator('[data-testid="register-government"]').count() == 1
    assert page.locator('[data-testid="register-congress"]').count() == 0
    log_out(page, base)

    log_in(page, base, "lawstaff")
    page.goto(f"{base}/filings/?late=1")
    page.click("text=清河区农贸市场管理办法")
    finding = page.locator('[data-testid="finding"][data-category="penalty"]')
    assert finding.count() == 1
    mark = page.locator('[data-testid="text"] mark')
    assert "处五千元罚款" in mark.inner_text()
    page.click('[data-testid="register-congress"]')
    assert page.locator('[data-testid="receipt-congress"]').inner_text().startswith("RD")
    page.click('[data-testid="assign-congress"]')
    screenshot(page, "filings-review-findings")
    finding.locator("input[name=note]").fill("设定罚款无上位法依据")
    finding.locator("button", has_text="确认问题").click()
    assert finding.locator('[data-testid="decision"]').inner_text() == "确认"
    form = page.locator('[data-testid="propose-congress"]')
    form.locator("select[name=congress-result]").select_option("problem")
    form.locator("textarea[name=congress-conclusion]").fill(
        "第三条设定罚款，超越制定权限，应予纠正。"
    )
    form.locator("textarea[name=congress-legal_basis]").fill("《中华人民共和国行政处罚法》第十六条")
    form.locator("select[name=congress-sign_levels]").select_option("1")
    form.locator("button").click()
    page.click('[data-testid="sign-congress"]')
    assert page.locator('[data-testid="state-congress"]').inner_text() == "纠正中"
    assert "行政处罚法" in page.locator('[data-testid="correction-congress"]').inner_text()
    log_out(page, base)

    log_in(page, base, "filer")
    page.goto(filing_url)
    respond = page.locator('[data-testid="respond-congress"]')
    respond.locator("select[name=response]").select_option("corrected")
    respond.locator("input[name=file]").set_input_files(str(corrected))
    respond.locator("textarea[name=note]").fill("已删除第三条的罚款规定。")
    respond.locator("button").click()
    assert "已回复纠正意见" in page.locator(".messages").inner_text()
    log_out(page, base)

    log_in(page, base, "lawstaff")
    page.goto(filing_url)
    page.click('[data-testid="close-congress"]')
    assert page.locator('[data-testid="state-congress"]').inner_text() == "审查完结"
    screenshot(page, "filings-closed")
    log_out(page, base)

    page.goto(f"{base}/fg/?q=进货查验")
    results = page.locator('[data-testid="result"]')
    assert results.count() == 1
    assert "清河区农贸市场管理办法" in results.first.inner_text()
    assert "进货查验" in results.first.locator("mark").first.inner_text()
    screenshot(page, "filings-public-search")
    results.first.locator("a").click()
    assert page.locator('[data-testid="validity"]').inner_text() == "已修改"
    assert "罚款" not in page.locator(".doc-text").inner_text()
    assert page.console_errors == []
