"""Pages per role: each sees only what it may, actions answer at the fields, conflicts say so."""

import io

import pytest
from django.urls import reverse
from docx import Document

from renda.suggestions import handling, services
from renda.suggestions.models import State
from renda.suggestions.tests.conftest import assigned, submitted

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def test_deputy_drafts_and_submits_through_the_pages(client, world):
    login(client, world.deputy)
    response = client.post(reverse("suggestions:new"), {"title": "", "body": "", "category":
        "urban", "period": "session"})  # fmt: skip
    assert "请填写" in response.content.decode() or response.status_code == 200
    response = client.post(
        reverse("suggestions:new"),
        {
            "title": "关于路灯的建议",
            "body": "文昌路路灯不亮。",
            "category": "urban",
            "period": "session",
        },
    )
    suggestion = world.deputy.__class__.objects.none()
    assert response.status_code == 302
    from renda.suggestions.models import Suggestion

    suggestion = Suggestion.objects.get()
    response = client.post(
        reverse("suggestions:act", args=[suggestion.pk, "submit"]), {"version": suggestion.version}
    )
    suggestion.refresh_from_db()
    assert suggestion.state == State.SUBMITTED


def test_lists_show_each_role_its_own(client, world):
    mine = assigned(world)
    other = submitted(world, "另一条")
    page = login(client, world.staff).get(reverse("suggestions:index")).content.decode()
    assert mine.title in page and "另一条" in page
    client.logout()
    page = login(client, world.other_user).get(reverse("suggestions:index")).content.decode()
    assert mine.title in page  # co-unit
    assert "另一条" not in page
    assert client.get(reverse("suggestions:detail", args=[other.pk])).status_code == 404
    client.logout()
    login(client, world.outsider)
    assert client.get(reverse("suggestions:detail", args=[mine.pk])).status_code == 404
    assert client.get(reverse("suggestions:overview")).status_code == 403


def test_unit_sees_reply_form_but_not_staff_notes(client, world):
    suggestion = assigned(world)
    handling.note_add(suggestion=suggestion, body="内部：单位推诿", actor=world.staff)
    page = login(client, world.unit_user).get(reverse("suggestions:detail", args=[suggestion.pk]))
    html = page.content.decode()
    assert 'data-action="reply"' in html and 'data-action="request_reassign"' in html
    assert "内部：单位推诿" not in html and 'data-action="assign"' not in html


def test_field_errors_come_back_at_the_field(client, world):
    suggestion = assigned(world)
    login(client, world.unit_user)
    response = client.post(
        reverse("suggestions:act", args=[suggestion.pk, "reply"]),
        {"version": suggestion.version, "result_class": "B", "body": "列入计划"},
    )
    assert response.status_code == 200
    assert "B类答复须写明承诺事项和完成日期。" in response.content.decode()


def test_second_staff_gets_a_conflict_message(client, world):
    suggestion = submitted(world)
    stale = suggestion.version
    services.suggestion_register(suggestion=suggestion, actor=world.staff)
    login(client, world.staff)
    response = client.post(
        reverse("suggestions:act", args=[suggestion.pk, "decline"]),
        {"version": stale, "reason": "重复"},
        follow=True,
    )
    assert "已被他人处理" in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.state == State.REGISTERED


def test_year_end_report_reads_back_with_the_figures(client, world):
    first = assigned(world)
    handling.reply_submit(suggestion=first, result_class="A", body="已解决", actor=world.unit_user)
    handling.suggestion_evaluate(suggestion=first, verdict="satisfied", actor=world.deputy)
    second = assigned(world)
    handling.reply_submit(suggestion=second, result_class="C", body="以后", actor=world.unit_user)
    handling.suggestion_evaluate(
        suggestion=second, verdict="unsatisfied", reason="不具体", actor=world.deputy
    )
    first.refresh_from_db()
    login(client, world.staff)
    response = client.get(reverse("suggestions:report", args=[first.year]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "立案2件" in text and "已答复2件" in text and "按期答复率100.0%" in text
    assert "经重新办理的1件" in text and "满意和基本满意率为50.0%" in text
    classes = {row.cells[0].text[:2]: row.cells[1].text for row in document.tables[0].rows[1:]}
    assert classes == {"A类": "1", "B类": "0", "C类": "1", "D类": "0"}
    units = document.tables[2].rows[1].cells
    assert units[1].text == "区住房和城乡建设局" and units[2].text == "2"
    rpr = document.paragraphs[1].runs[0]._element.rPr
    assert "黑体" in rpr.xml  # w:eastAsia is set


def test_overview_page_has_figures_and_chart_data(client, world, django_assert_max_num_queries):
    assigned(world)
    login(client, world.staff)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("suggestions:overview"))
    html = response.content.decode()
    assert 'id="chart-data"' in html and "echarts" in html
    assert "区住房和城乡建设局" in html


def test_staff_list_query_count_is_bounded(client, world, django_assert_max_num_queries):
    for n in range(30):
        assigned(world) if n % 3 == 0 else submitted(world, f"建议{n}")
    login(client, world.staff)
    # count + up to three parts' ids + the page's rows, whatever the data size
    with django_assert_max_num_queries(13):
        response = client.get(reverse("suggestions:index"))
    assert response.status_code == 200
    assert response.content.decode().count('href="/suggestions/') >= 30


def test_quarter_rounds_page_schedules_and_records(client, world):
    suggestion = assigned(world)
    login(client, world.staff)
    response = client.post(reverse("suggestions:rounds"), {
        "title": "一季度询问", "kind": "inquiry", "year": 2026, "quarter": 1,
        "scheduled_on": "2026-03-01", "suggestions": [suggestion.pk]})  # fmt: skip
    assert response.status_code == 302
    response = client.post(response["Location"], {"result": "进展顺利", "done_on": "2026-03-02"})
    assert response.status_code == 302
