"""Lists by deadline: overdue first across pages, bounded queries at any size, fresh figures."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from renda.core.models import TimelineEvent
from renda.suggestions import handling, selectors
from renda.suggestions.models import State, Suggestion
from renda.suggestions.tests.conftest import assigned, submitted

pytestmark = pytest.mark.django_db


def grow(world, n):
    """Add `n` suggestions in mixed states and deadlines, some overdue."""
    today = timezone.localdate()
    for i in range(n):
        suggestion = assigned(world) if i % 3 else submitted(world, f"建议{i}")
        if i % 3:
            Suggestion.objects.filter(pk=suggestion.pk).update(
                due_on=today + dt.timedelta(days=(i * 7) % 40 - 20),
                state=State.CLOSED if i % 5 == 0 else suggestion.state,
            )


def expected(world):
    today = timezone.localdate()
    rows = Suggestion.objects.filter(congress=world.congress).exclude(state=State.DRAFT)

    def rank(s):
        overdue = s.state in selectors.HANDLING and s.due_on and s.due_on < today
        return (0 if overdue else 1 if s.due_on else 2, s.due_on or today, -s.pk)

    return [s.pk for s in sorted(rows, key=rank)]


def test_pages_run_overdue_first_then_by_deadline_then_undated(world):
    grow(world, 14)
    listed = selectors.staff_list(viewer=world.staff)
    assert listed.count() == 14
    pages = [s.pk for start in range(0, 14, 4) for s in listed[start : start + 4]]
    assert pages == expected(world)
    fresh = selectors.staff_list(viewer=world.staff)
    assert [s.pk for s in fresh[9:13]] == expected(world)[9:13]
    assert [s.is_overdue for s in fresh[:1]] == [True]


def test_overdue_filter_lists_only_late_handling(world):
    grow(world, 9)
    today = timezone.localdate()
    rows = list(selectors.staff_list(viewer=world.staff, state="overdue")[:50])
    assert rows and all(s.state in selectors.HANDLING and s.due_on < today for s in rows)
    assert [s.pk for s in rows] == expected(world)[: len(rows)]


def test_count_and_slices_stop_at_the_cap(world, monkeypatch):
    grow(world, 6)
    monkeypatch.setattr(selectors, "CAP", 4)
    listed = selectors.staff_list(viewer=world.staff)
    assert listed.count() == 4 and listed.capped
    assert len(listed[0:10]) == 4 and listed[10:20] == []


def _queries(client, url, django_assert_max_num_queries, bound):
    with django_assert_max_num_queries(bound) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("who", "url", "bound"),
    [
        ("staff", reverse("suggestions:index"), 13),
        ("staff", reverse("suggestions:index") + "?state=overdue", 13),
        ("staff", reverse("suggestions:index") + "?state=assigned&year=2026&q=建议", 13),
        ("staff", reverse("suggestions:index") + "?page=2", 15),
        ("unit_user", reverse("suggestions:index") + "?list=assigned", 14),
        ("deputy", reverse("suggestions:index") + "?list=mine", 14),
        ("staff", reverse("suggestions:overview"), 14),
    ],
)
def test_list_queries_do_not_grow_with_the_data(
    client, world, who, url, bound, django_assert_max_num_queries
):
    client.force_login(getattr(world, who))
    grow(world, 6)
    small = _queries(client, url, django_assert_max_num_queries, bound)
    grow(world, 60)
    large = _queries(client, url, django_assert_max_num_queries, bound)
    assert large <= small or "page=2" in url  # page 2 of 6 rows is page 1


def test_detail_queries_are_bounded_and_timeline_cut_to_the_latest(
    client, world, django_assert_max_num_queries
):
    suggestion = assigned(world)
    client.force_login(world.staff)
    url = reverse("suggestions:detail", args=[suggestion.pk])
    small = _queries(client, url, django_assert_max_num_queries, 40)
    kind = ContentType.objects.get_for_model(Suggestion)
    start = timezone.now()
    TimelineEvent.objects.bulk_create(
        TimelineEvent(congress=world.congress, subject_type=kind, subject_id=suggestion.pk,
            at=start + dt.timedelta(minutes=n), verb="step", summary=f"步骤{n}")
        for n in range(selectors.TIMELINE_LIMIT + 20)
    )  # fmt: skip
    with django_assert_max_num_queries(small):
        html = client.get(url).content.decode()
    assert 'data-testid="timeline-cut"' in html
    assert f"步骤{selectors.TIMELINE_LIMIT + 19}<" in html and "步骤19<" not in html


def test_cached_figures_follow_every_change(world):
    suggestion = assigned(world)
    before = selectors.year_figures(congresses=[world.congress], year=suggestion.year)
    assert before.replied == 0 and before.registered == 1
    handling.reply_submit(suggestion=suggestion, result_class="A", body="已解决",
        actor=world.unit_user)  # fmt: skip
    after = selectors.year_figures(congresses=[world.congress], year=suggestion.year)
    assert after.replied == 1 and after.classes == {"A": 1}
    counted = selectors.count_year(congress_ids=[world.congress.pk], year=suggestion.year)
    assert counted == after
