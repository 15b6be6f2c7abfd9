"""A year of livelihood projects: citizens propose, staff shortlist, deputies vote, units report."""

import pytest

from renda.core.models import User
from renda.projects import services
from renda.projects.models import Project, Round, Vote
from tests.e2e.conftest import screenshot
from tests.e2e.test_login import log_in

pytestmark = pytest.mark.e2e

PROPOSALS = [
    ("南湖小学门口建设接送等候区", "放学时家长在马路边等，很危险。"),
    ("北门菜市场改造", "菜市场屋顶漏雨，地面湿滑。"),
    ("石桥镇建设日间照料中心", "留守老人白天无人照看。"),
]
CANDIDATES = ["校门口接送等候区", "菜市场提升改造", "日间照料中心", "公共自行车站点", "街心公园"]


def test_a_year_from_proposals_to_the_public_progress_page(page, demo_site, browser):
    base = demo_site.url
    # 群众点单: three citizens propose on the phone form.
    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}).new_page()
    phone_errors = []
    phone.on("console", lambda msg: msg.type == "error" and phone_errors.append(msg.text))
    for title, body in PROPOSALS:
        phone.goto(f"{base}/ms/propose/dj-lc-qh/")
        phone.fill("#id_title", title)
        phone.fill("#id_body", body)
        phone.click("text=提交点单")
        assert "已收到您的点单" in phone.locator('[data-testid="received"]').inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "projects-proposal-received")

    # Staff shortlist five candidates from the proposals and publish them.
    log_in(page, base, "staff")
    round_ = Round.objects.get(year=2027)
    round_.seats = 3
    round_.save()
    page.goto(f"{base}/projects/rounds/{round_.pk}/")
    assert page.locator('[data-testid="proposals"]').inner_text().count("网上点单") >= 3
    for n, title in enumerate(CANDIDATES):
        page.goto(f"{base}/projects/rounds/{round_.pk}/candidates/new/")
        page.fill("#id_title", title)
        page.fill("#id_scope", f"{title}：建设内容说明")
        page.fill("#id_budget", str(300 + n * 50))
        page.select_option("#id_unit", label="区住房和城乡建设局")
        page.fill("#id_starts_on", "2027-03-01")
        page.fill("#id_ends_on", "2027-12-31")
        if n < 3:
            page.check(f"text={PROPOSALS[n][0]}")
        page.click("text=保存候选项目")
        assert "候选项目已保存" in page.locator(".messages").inner_text()
    page.click('[data-testid="publish"]')
    assert page.locator('[data-testid="round-state"]').inner_text() == "候选项目公示"
    page.click('[data-testid="open-vote"]')
    vote = Vote.objects.get(round=round_)
    ids = {p.title: p.pk for p in round_.projects.all()}
    winners = [ids[t] for t in CANDIDATES[:3]]

    # Most deputies voted on paper (entered here through the services, as staff do).
    staff = User.objects.get(username="staff")
    electors = list(vote.electors.exclude(deputy__user__username="deputy").select_related("deputy"))
    for elector in electors[: int(vote.entitled * 0.8)]:
        services.paper_voter_record(vote=vote, deputy=elector.deputy, actor=staff)
        services.paper_ballot_enter(vote=vote, choices=winners, actor=staff)

    # One paper ballot entered on the page: the deputy first, then the marks.
    last = electors[int(vote.entitled * 0.8)].deputy
    page.goto(f"{base}/projects/votes/{vote.pk}/")
    page.select_option("#id_deputy", value=str(last.pk))
    page.locator('[data-testid="paper-voter"] button').click()
    assert "交回纸质选票" in page.locator(".messages").inner_text()
    for title in CANDIDATES[:3]:
        page.locator('[data-testid="paper-ballot"]').get_by_label(title).check()
    page.locator('[data-testid="paper-ballot"]').get_by_label(CANDIDATES[3]).check()
    page.locator('[data-testid="paper-ballot"] button').click()
    assert "最多只能选择 3 个项目" in page.content()  # over-voting refused
    page.goto(f"{base}/projects/votes/{vote.pk}/")
    for title in CANDIDATES[:3]:
        page.locator('[data-testid="paper-ballot"]').get_by_label(title).check()
    page.locator('[data-testid="paper-ballot"] button').click()
    assert "纸质选票已录入" in page.locator(".messages").inner_text()

    # The deputy votes electronically, once.
    deputy_page = browser.new_context(locale="zh-CN").new_page()
    log_in(deputy_page, base, "deputy")
    deputy_page.goto(f"{base}/projects/votes/{vote.pk}/ballot/")
    for title in (CANDIDATES[0], CANDIDATES[1], CANDIDATES[4]):
        deputy_page.get_by_label(title).check()
    deputy_page.click("button:text('投票')")
    assert "您的选票已投出" in deputy_page.locator(".messages").inner_text()
    deputy_page.goto(f"{base}/projects/votes/{vote.pk}/ballot/")
    assert deputy_page.locator('[data-testid="already-voted"]').is_visible()

    # Count: three pass; the result sheet prints.
    page.goto(f"{base}/projects/votes/{vote.pk}/")
    page.click('[data-testid="count"]')
    assert "3 个项目通过" in page.locator(".messages").inner_text()
    assert "结果一致" in page.locator('[data-testid="recount"]').inner_text()
    screenshot(page, "projects-vote-results")
    sheet = page.request.get(f"{base}/projects/votes/{vote.pk}/sheet.pdf")
    assert sheet.ok and sheet.body().startswith(b"%PDF")
    assert sorted(round_.projects.filter(state="adopted").values_list("pk", flat=True)) == sorted(
        winners
    )

    # The unit reports progress on its project.
    project = Project.objects.get(pk=winners[0])
    unit_page = browser.new_context(locale="zh-CN").new_page()
    log_in(unit_page, base, "unit")
    unit_page.goto(f"{base}/projects/p/{project.pk}/")
    form = unit_page.locator('[data-testid="report-form"]')
    form.locator("#id_percent").fill("45")
    form.locator("#id_spent").fill("120")
    form.locator("#id_summary").fill("等候区主体完工，正在安装遮阳棚。")
    form.locator("button").click()
    assert unit_page.locator('[data-testid="percent"]').inner_text() == "45%"

    # Staff record the three check-ins; the deputy evaluates.
    for stage, day, findings in (("arrangement", "2027-03-20", "方案已定"),
                                 ("progress", "2027-07-15", "进度符合计划"),
                                 ("results", "2027-11-20", "基本完工")):  # fmt: skip
        page.goto(f"{base}/projects/p/{project.pk}/")
        form = page.locator('[data-testid="check-in-form"]')
        form.locator("#id_stage").select_option(stage)
        form.locator("#id_held_on").fill(day)
        form.locator("#id_findings").fill(findings)
        form.locator("button").click()
        assert "已保存" in page.locator(".messages").inner_text()
    deputy_page.goto(f"{base}/projects/p/{project.pk}/")
    form = deputy_page.locator('[data-testid="evaluate-form"]')
    form.locator("#id_score").fill("92")
    form.locator("button").click()
    assert "代表 1 人评价" in deputy_page.locator('[data-testid="evaluation"]').inner_text()

    # The public page shows it all, with the chart, on a phone.
    phone.goto(f"{base}/ms/p/{project.public_code}/")
    assert phone.locator('[data-testid="percent"]').inner_text() == "45%"
    text = phone.locator("main").inner_text()
    for words in ("年初问安排", "年中问进度", "年末问结果", "等候区主体完工", "区住房和城乡建设局"):
        assert words in text
    phone.wait_for_selector('[data-testid="chart"] svg')
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "projects-public-progress")
    assert phone_errors == [], phone_errors
    # The only error the staff page may log is the 422 of the refused over-voted ballot.
    assert [e for e in page.console_errors if "422" not in e] == [], page.console_errors
