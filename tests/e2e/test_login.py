"""Every demo role logs in through the real form and reaches its own home page."""

import pytest

from renda.core import demo
from renda.core.roles import Role
from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e


def log_in(page, base_url, username):
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", demo.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/home/")


@pytest.mark.parametrize("account", demo.ACCOUNTS, ids=lambda a: a.username)
def test_demo_account_logs_in_and_sees_its_role(page, demo_site, account):
    log_in(page, demo_site.url, account.username)
    role = page.locator(f'[data-role="{account.role}"]')
    assert role.count() == 1
    assert str(Role(account.role).label) in role.inner_text()
    assert page.locator(".who").inner_text() == account.full_name
    page.click("text=退出")
    page.wait_for_url(f"{demo_site.url}/")
    assert page.locator("text=工作人员、代表登录").is_visible()
    assert page.console_errors == []


def test_deputy_reads_a_notice_without_reloading(page, demo_site):
    log_in(page, demo_site.url, "deputy")
    unread = int(page.locator('[data-testid="unread"]').inner_text())
    shown = page.locator(".notice-item.unread").count()
    assert unread >= 1 and shown == min(unread, 5)
    item = page.locator(".notice-item.unread").first
    notice_id = item.get_attribute("id")
    page.evaluate("window.__marker = 'same page'")
    item.locator("button", has_text="标为已读").click()
    page.wait_for_selector(f"#{notice_id}.notice-item:not(.unread)")
    assert page.evaluate("window.__marker") == "same page"  # swapped by HTMX, not reloaded
    screenshot(page, "home-deputy")
    assert page.console_errors == []


@pytest.mark.phone
def test_landing_page_fits_a_phone(page, demo_site):
    page.goto(demo_site.url + "/")
    assert page.locator("h1").inner_text() == "智慧人大"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(page, "landing-phone")
    assert page.console_errors == []


def test_wrong_password_five_times_locks_and_says_so(page, demo_site):
    for _ in range(5):
        page.goto(f"{demo_site.url}/accounts/login/")
        page.fill("#id_username", "staff")
        page.fill("#id_password", "wrong-password")
        page.click("button[type=submit]")
    assert "账号已暂时锁定" in page.content()
