"""Budget: the staff to-do list and the overview at 100k suggestions / 1M timeline events.

Seeds a temporary SQLite database (or the PostgreSQL database named by DATABASE_URL, in a
scratch schema-free way: the tables are created by migrate and the rows removed afterwards is
not attempted — use a throwaway database) with bulk_create, then times the staff list page's
queries and the overview's queries against a trivial baseline query in the same process.

    .venv/bin/python benchmarks/suggestions_lists.py [--size 100000]

Last line: list_ms=… list_queries=… overview_ms=… overview_queries=… baseline_ms=… size=… events=…
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
parser.add_argument("--events", type=int, default=0, help="timeline events (10 × size)")
args = parser.parse_args()
if not os.environ.get("DATABASE_URL"):
    scratch = tempfile.mkdtemp(prefix="renda-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renda.settings")
os.environ.setdefault("RENDA_SECRET_KEY", "bench-only")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from renda.core.models import TimelineEvent  # noqa: E402
from renda.core.roles import Role  # noqa: E402
from renda.core.tests.factories import make_congress, make_user  # noqa: E402
from renda.directory.models import Organization  # noqa: E402
from renda.suggestions import selectors  # noqa: E402
from renda.suggestions.models import State, Suggestion  # noqa: E402

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
batch = []
for n in range(size):
    state = rng.choice(states)
    handled = state not in (State.SUBMITTED, State.REGISTERED)
    batch.append(Suggestion(
        congress=congress, author_name="代表", title=f"关于第{n}号事项的建议", body="内容",
        state=state, year=today.year, seq=n + 1, number=f"{today.year}-{n + 1:06d}",
        lead_unit=rng.choice(units) if handled else None,
        due_on=today + dt.timedelta(days=rng.randrange(-30, 90)) if handled else None,
        result_class=rng.choice("ABCD") if state == State.CLOSED else "",
        first_verdict=(
            rng.choice(["satisfied", "basic", "unsatisfied"]) if state == State.CLOSED else ""
        ),
        verdict="satisfied" if state == State.CLOSED else "",
        replied_on_time=rng.random() < 0.9 if state in (State.CLOSED, State.REPLIED) else None,
    ))  # fmt: skip
    if len(batch) == 5000:
        Suggestion.objects.bulk_create(batch)
        batch = []
Suggestion.objects.bulk_create(batch)
ids = list(Suggestion.objects.filter(congress=congress).values_list("pk", flat=True))
kind = ContentType.objects.get_for_model(Suggestion)
now = timezone.now()
batch = []
for n in range(events):
    batch.append(TimelineEvent(congress=congress, subject_type=kind, subject_id=ids[n % len(ids)],
        at=now, verb="step", summary="办理步骤"))  # fmt: skip
    if len(batch) == 20000:
        TimelineEvent.objects.bulk_create(batch)
        batch = []
TimelineEvent.objects.bulk_create(batch)
seed_s = time.perf_counter() - started
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
else:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def timed(fn, repeat=7):
    fn()  # warm
    times, queries = [], 0
    for _ in range(repeat):
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
        queries = len(captured)
    return statistics.median(times), queries


def staff_list_page():
    """What the to-do page runs: the first page of 50 and the count for the pager."""
    suggestions = selectors.staff_list(viewer=staff)
    rows = list(suggestions[:50])
    total = suggestions.count()
    assert len(rows) == 50 and total >= size
    [(s.number, s.lead_unit and s.lead_unit.name, s.congress.code) for s in rows]


def overdue_page():
    rows = list(selectors.staff_list(viewer=staff, state="overdue")[:50])
    assert rows


def overview_page():
    figures = selectors.year_figures(congresses=[congress], year=today.year)
    assert figures.registered >= size // 2


def baseline():
    list(Suggestion.objects.filter(pk=ids[0]).values_list("pk", flat=True))


list_ms, list_queries = timed(staff_list_page)
overdue_ms, _q = timed(overdue_page)
overview_ms, overview_queries = timed(overview_page, repeat=3)
baseline_ms, _q = timed(baseline)
print(f"seeded {size} suggestions and {events} timeline events in {seed_s:.1f}s")
print(
    f"list_ms={list_ms:.1f} list_queries={list_queries} overdue_ms={overdue_ms:.1f} "
    f"overview_ms={overview_ms:.1f} overview_queries={overview_queries} "
    f"baseline_ms={baseline_ms:.2f} size={size} events={events} db={connection.vendor}"
)
