"""A citizen writes to a deputy by phone; deputy forwards, unit replies, citizen rates."""

import pytest

from renda.directory.models import Deputy
from tests.e2e.conftest import screenshot
from tests.e2e.test_login import log_in

pytestmark = pytest.mark.e2e


def staff_page(browser, base_url, username):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, base_url, username)
    return page


@pytest.mark.phone
def test_whole_story_from_qr_page_to_rating(page, browser, demo_site):
    base = demo_site.url
    deputy = Deputy.objects.get(user__username="deputy")
    page.goto(f"{base}/d/{deputy.public_code}/")
    page.click("text=给代表留言")
    assert "110" in page.content()
    page.check("input[name=kind][value=help]")
    page.fill("#id_content", "文昌路18号门口的井盖松动，雨天有积水，行人容易崴脚😟")
    page.fill("#id_phone", "13812349999")
    page.check("#id_consent_publish")
    screenshot(page, "channel-compose-phone")
    page.click('[data-testid="submit"]')
    code = page.locator('[data-testid="code"]').inner_text()
    secret = page.locator('[data-testid="secret"]').inner_text()
    assert len(secret) == 8
    screenshot(page, "channel-receipt-phone")

    deputy_page = staff_page(browser, base, "deputy")
    deputy_page.goto(f"{base}/channel/")
    deputy_page.click(f"text={code.replace('-', '')}")
    assert "138****9999" in deputy_page.content()
    deputy_page.fill("#id_note", "涉及市政设施，请转住建局处理")
    deputy_page.click('[data-testid="forward"]')
    assert deputy_page.locator('[data-testid="state"]').inner_text() == "已转人大办公室"

    office = staff_page(browser, base, "staff")
    office.goto(deputy_page.url)
    office.select_option("#id_unit", label="区住房和城乡建设局")
    office.click('[data-testid="assign"]')
    assert office.locator('[data-testid="state"]').inner_text() == "已交办承办单位"

    unit = staff_page(browser, base, "unit")
    unit.goto(deputy_page.url)
    unit.click('[data-testid="accept"]')
    unit.fill("#id_text", "已安排养护队今天下午更换井盖并疏通排水。")
    unit.click('[data-testid="unit-reply"]')
    assert unit.locator('[data-testid="state"]').inner_text() == "已答复"

    page.goto(f"{base}/channel/track/")
    page.fill("#id_code", code)
    page.fill("#id_secret", secret)
    page.click("button[type=submit]")
    assert "更换井盖" in page.locator('[data-testid="reply"]').inner_text()
    page.check("input[name=rating][value=satisfied]")
    page.click('[data-testid="rate"]')
    assert page.locator('[data-testid="rating"]').inner_text() == "满意"
    screenshot(page, "channel-progress-phone")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    page.goto(f"{base}/channel/wall/")
    assert "井盖松动" in page.content() and "13812349999" not in page.content()
    assert page.console_errors == []
