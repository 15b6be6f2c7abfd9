"""A suggestion from the deputy's draft to 满意, through 不满意 and handling again."""

import pytest

from tests.e2e.conftest import screenshot
from tests.e2e.test_login import log_in

pytestmark = pytest.mark.e2e

TITLE = "关于文昌路夜间照明不足的建议"


def log_out(page):
    page.click("text=退出")


def act(page, action, fields=None, select=None, check=None):
    form = page.locator(f'form[data-action="{action}"]')
    for name, value in (fields or {}).items():
        form.locator(f'[name="{name}"]').fill(value)
    for name, value in (select or {}).items():
        form.locator(f'[name="{name}"]').select_option(label=value)
    for value in check or []:
        form.locator(f'input[value="{value}"]').check()
    form.locator("button[type=submit]").click()


def test_suggestion_from_draft_to_satisfied(page, demo_site):
    url = demo_site.url
    log_in(page, url, "deputy")
    page.goto(f"{url}/suggestions/")
    page.click('[data-testid="new-suggestion"]')
    page.fill("#id_title", TITLE)
    page.fill("#id_body", "文昌路北段路灯损坏较多，群众夜间出行不便，建议尽快维修并增设路灯。")
    page.select_option("#id_period", label="闭会期间")
    page.click("text=保存草稿")
    act(page, "submit")
    assert page.locator('[data-testid="state"]').inner_text() == "已提交"
    detail = page.url
    log_out(page)

    log_in(page, url, "staff")
    page.goto(f"{url}/suggestions/")
    page.click(f"text={TITLE}")
    act(page, "register", select={"category": "城乡建设"})
    number = page.locator('[data-testid="number"]').inner_text()
    assert number.count("-") == 1 and len(number) == 9  # 2026-0012
    act(page, "assign", fields={"task": "维修并增设文昌路路灯"},
        select={"lead_unit": "区住房和城乡建设局"})  # fmt: skip
    assert page.locator('[data-testid="state"]').inner_text() == "办理中"
    assert page.locator('[data-testid="lead-unit"]').inner_text() == "区住房和城乡建设局"
    screenshot(page, "suggestions-assigned")
    log_out(page)

    log_in(page, url, "unit")
    page.goto(f"{url}/suggestions/")
    page.click(f"text={TITLE}")
    act(
        page,
        "reply",
        fields={"body": "已列入明年计划。"},
        select={"result_class": "C类：因条件限制需以后解决"},
    )
    assert page.locator('[data-testid="state"]').inner_text() == "已答复待评价"
    log_out(page)

    log_in(page, url, "deputy")
    page.goto(detail)
    act(page, "evaluate", check=["unsatisfied"])  # no reason: refused at the field
    assert "评价不满意时请说明理由。" in page.locator('form[data-action="evaluate"]').inner_text()
    act(page, "evaluate", fields={"reason": "群众夜间出行有安全隐患，不能等到明年。"},
        check=["unsatisfied"])  # fmt: skip
    assert "重新办理" in page.locator('[data-testid="state"]').inner_text()
    log_out(page)

    log_in(page, url, "unit")
    page.goto(detail)
    act(page, "reply", fields={"body": "已完成维修并增设路灯12盏。"},
        select={"result_class": "A类：已解决或基本解决"})  # fmt: skip
    log_out(page)

    log_in(page, url, "deputy")
    page.goto(detail)
    act(page, "evaluate", check=["satisfied"])
    assert page.locator('[data-testid="state"]').inner_text() == "已办结（第2轮办理）"
    assert page.locator('[data-testid="verdict"]').inner_text() == "满意"
    timeline = page.locator('[data-testid="timeline"]').inner_text()
    for step in ("提交建议", "立案", "交办", "第 1 轮答复", "不满意", "第 2 轮答复", "满意"):
        assert step in timeline
    assert page.locator("article.reply").count() == 2
    screenshot(page, "suggestions-satisfied")
    assert page.console_errors == []

    log_out(page)
    log_in(page, url, "staff")
    page.goto(f"{url}/suggestions/overview/")
    page.wait_for_selector("#chart-classes canvas")
    screenshot(page, "suggestions-overview")
    assert page.console_errors == []
