"""Budget: staff list pages at 100k suggestions / 1M timeline events, < 200 ms, bounded queries.

Seeds a temporary SQLite database (the project's own engine and pragmas, under a scratch
RENDA_VAR_DIR), or the PostgreSQL database named by DATABASE_URL (use a fresh, throwaway one),
with bulk_create in batches; then requests the real pages through Django's test client as a
staff member: the to-do list (first page, a deep page, its state/year and text filters), the
overdue list, one suggestion's detail with a long timeline, and the overview (cached, as served,
and cold, with the cache dropped before every request). Each page: median and p95 time and its
query count; a trivial query in the same process is the baseline.

    .venv/bin/python benchmarks/suggestions_lists.py [--size 100000] [--events N] [--repeat 15]

Last line: list_ms=… overdue_ms=… detail_ms=… overview_ms=… max_queries=… baseline_ms=…
suggestions=… events=… backend=…  (the `_ms` figures are medians; `_p95` follow each page).
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
parser = argparse.ArgumentParser()
parser.add_argument("--size", type=int, default=100_000, help="number of suggestions")
parser.add_argument("--events", type=int, default=0, help="timeline events (default 10 × size)")
parser.add_argument("--repeat", type=int, default=15, help="timed requests per page")
args = parser.parse_args()
if not os.environ.get("DATABASE_URL"):
    os.environ["RENDA_VAR_DIR"] = tempfile.mkdtemp(prefix="renda-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renda.settings")
os.environ.setdefault("RENDA_SECRET_KEY", "bench-only")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from renda.core.models import TimelineEvent  # noqa: E402
from renda.core.roles import Role  # noqa: E402
from renda.core.tests.factories import make_congress, make_user  # noqa: E402
from renda.directory.models import Organization  # noqa: E402
from renda.suggestions import selectors  # noqa: E402
from renda.suggestions.models import State, Suggestion  # noqa: E402

setup_test_environment()
call_command("migrate", verbosity=0)
size, events = args.size, args.events or args.size * 10
rng = random.Random(5)
congress = make_congress(code=f"bench{rng.randrange(10**6)}")
staff = make_user(roles={Role.STAFF: congress})
units = Organization.objects.bulk_create(
    [Organization(congress=congress, name=f"单位{n}", is_handling_unit=True) for n in range(40)]
)
today = timezone.localdate()
states = [State.SUBMITTED, State.REGISTERED, State.ASSIGNED, State.REPLIED, State.REHANDLING,
          State.CLOSED, State.CLOSED, State.CLOSED]  # fmt: skip
started = time.perf_counter()


def suggestion(n: int) -> Suggestion:
    state = rng.choice(states)
    handled = state not in (State.SUBMITTED, State.REGISTERED)
    closed = state == State.CLOSED
    return Suggestion(
        congress=congress, author_name=f"代表{n % 300}", title=f"关于第{n}号事项的建议",
        body="内容", state=state, year=today.year - (n % 10 == 0), seq=n + 1,
        number=f"{today.year}-{n + 1:06d}", lead_unit=rng.choice(units) if handled else None,
        due_on=today + dt.timedelta(days=rng.randrange(-30, 90)) if handled else None,
        result_class=rng.choice("ABCD") if closed else "", round=1 + (rng.random() < 0.1),
        first_verdict=rng.choice(["satisfied", "basic", "unsatisfied"]) if closed else "",
        verdict="satisfied" if closed else "", is_key=rng.random() < 0.05,
        replied_on_time=rng.random() < 0.9 if state in (State.CLOSED, State.REPLIED) else None,
    )  # fmt: skip


for start in range(0, size, 5000):
    Suggestion.objects.bulk_create([suggestion(n) for n in range(start, min(size, start + 5000))])
ids = list(Suggestion.objects.filter(congress=congress).values_list("pk", flat=True))
heavy = ids[len(ids) // 2]  # the detail page's suggestion: a long case with 2,000 steps
kind = ContentType.objects.get_for_model(Suggestion)
origin = timezone.now() - dt.timedelta(days=400)
for start in range(0, events, 20_000):
    TimelineEvent.objects.bulk_create(
        TimelineEvent(congress=congress, subject_type=kind,
            subject_id=heavy if n % 500 == 0 else ids[n % len(ids)],
            at=origin + dt.timedelta(seconds=n * 30), verb="step", summary="办理步骤")
        for n in range(start, min(events, start + 20_000))
    )  # fmt: skip
seed_s = time.perf_counter() - started
with connection.cursor() as cursor:
    cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

client = Client()
client.force_login(staff)
index = reverse("suggestions:index")
overdue_url = f"{index}?state=overdue"
PAGES = {
    "list": index,
    "list_deep": f"{index}?page=150",
    "list_state": f"{index}?state=assigned&year={today.year}",
    "list_text": f"{index}?q=第4242号",
    "overdue": overdue_url,
    "detail": reverse("suggestions:detail", args=[heavy]),
    "overview": reverse("suggestions:overview"),
    "overview_cold": reverse("suggestions:overview"),
}


def timed(name: str, url: str) -> tuple[float, float, int]:
    """Request `url` repeatedly; return median and p95 milliseconds and the query count."""
    before = selectors.forget_figures if name == "overview_cold" else (lambda: None)
    before()
    assert client.get(url).status_code == 200, url  # warm
    times, queries = [], 0
    for _ in range(args.repeat):
        before()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
        queries = max(queries, len(captured))
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, queries


def baseline() -> tuple[float, float, int]:
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        list(Suggestion.objects.filter(pk=ids[0]).values_list("pk", flat=True))
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times), 1


results = {name: timed(name, url) for name, url in PAGES.items()}
html = client.get(PAGES["list"]).content.decode()
assert html.count('class="overdue"') == 50, "the first page should be all overdue"
detail = client.get(PAGES["detail"]).content.decode()
assert detail.count("办理步骤") == selectors.TIMELINE_LIMIT, "the timeline is cut to the latest"
base_ms = baseline()[0]
print(f"seeded {size} suggestions and {events} timeline events in {seed_s:.1f}s")
for name, (median, p95, queries) in results.items():
    print(f"{name:14} median {median:7.1f} ms  p95 {p95:7.1f} ms  {queries:3} queries")
worst_list = max(results[k][0] for k in ("list", "list_deep", "list_state", "list_text"))
fields = {
    "list_ms": f"{results['list'][0]:.1f}", "list_p95": f"{results['list'][1]:.1f}",
    "filters_ms": f"{worst_list:.1f}",
    "overdue_ms": f"{results['overdue'][0]:.1f}", "overdue_p95": f"{results['overdue'][1]:.1f}",
    "detail_ms": f"{results['detail'][0]:.1f}", "detail_p95": f"{results['detail'][1]:.1f}",
    "overview_ms": f"{results['overview'][0]:.1f}",
    "overview_p95": f"{results['overview'][1]:.1f}",
    "overview_cold_ms": f"{results['overview_cold'][0]:.1f}",
    "max_queries": max(q for _m, _p, q in results.values()), "baseline_ms": f"{base_ms:.2f}",
    "suggestions": size, "events": events, "backend": connection.vendor,
}  # fmt: skip
print(" ".join(f"{k}={v}" for k, v in fields.items()))
