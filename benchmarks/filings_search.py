"""Budget: public document search at 100k documents, p95 < 50 ms (PostgreSQL), < 100 ms (SQLite).

Seeds a temporary SQLite database (or the PostgreSQL database named by DATABASE_URL: use a
throwaway one) with bulk inserts of public documents of about 5,000 characters built from
realistic sentences, indexes them as the app does (segmented text; FTS5 on SQLite, the narrow
search tables with the GIN index as the migrations define it on PostgreSQL), then runs 200
typical one- and two-word queries through `search.search` (first page of 20, relevance order,
and the total count) against a trivial baseline query. `--reuse` queries the documents an
earlier run left; migrating at start brings their search tables to the current schema.

    .venv/bin/python benchmarks/filings_search.py [--size 100000] [--reuse]

Then 80 filtered queries, as the public page makes them: one body, one body and one year, one
year, one status, each with a word found in nearly every document (`filtered_p95_ms`).

Last line: p95_ms=… p50_ms=… max_ms=… baseline_ms=… docs=… backend=… seed_s=… filtered_p95_ms=…
filtered_p50_ms=… filtered_max_ms=…
"""

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
parser = argparse.ArgumentParser()
parser.add_argument("--size", type=int, default=100_000, help="number of documents")
parser.add_argument("--queries", type=int, default=200)
parser.add_argument("--reuse", action="store_true", help="query the documents a run left")
args = parser.parse_args()
scratch = ""
if not os.environ.get("DATABASE_URL"):
    scratch = tempfile.mkdtemp(prefix="renda-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renda.settings")
os.environ.setdefault("RENDA_SECRET_KEY", "bench-only")

import faulthandler  # noqa: E402

import django  # noqa: E402

if os.environ.get("BENCH_TRACE"):
    faulthandler.dump_traceback_later(int(os.environ["BENCH_TRACE"]), exit=True)

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from renda.core.models import Congress  # noqa: E402
from renda.core.tests.factories import make_congress  # noqa: E402
from renda.directory.models import Organization  # noqa: E402
from renda.filings import search, selectors  # noqa: E402
from renda.filings.models import DocType, Filing, Validity  # noqa: E402

call_command("migrate", "filings", verbosity=0)
rng = random.Random(8)
SUBJECTS = [
    "区市场监督管理局",
    "区教育局",
    "区住房和城乡建设局",
    "街道办事处",
    "镇人民政府",
    "物业服务企业",
    "经营者",
    "学校",
    "医疗机构",
    "养老机构",
    "村民委员会",
    "建设单位",
    "个体工商户",
    "网约车平台",
    "农贸市场开办者",
    "旅游景区",
    "供水企业",
    "行业协会",
]
VERBS = [
    "应当建立",
    "负责组织",
    "可以开展",
    "不得擅自",
    "应当公示",
    "定期检查",
    "依法查处",
    "统筹推进",
    "鼓励支持",
    "加强监督",
    "按规定报送",
    "落实",
    "完善",
    "优化",
]
OBJECTS = [
    "食品安全追溯制度",
    "收费项目和标准",
    "课后服务",
    "安全生产责任制",
    "营商环境",
    "垃圾分类设施",
    "消防通道",
    "老旧小区改造",
    "义务教育招生",
    "农村人居环境整治",
    "价格公示",
    "进货查验记录",
    "信用评价",
    "应急预案",
    "环境保护",
    "规范性文件备案审查",
    "行政许可事项",
    "社区养老服务",
    "校外培训机构",
    "停车收费",
    "户外广告设置",
    "数据安全管理",
    "扬尘污染防治",
    "河道保洁",
    "公共文化服务",
    "就业创业补贴",
]
TAILS = [
    "，具体办法由区人民政府另行制定。",
    "，并向社会公布。",
    "，接受社会监督。",
    "，所需经费列入年度预算。",
    "，确保工作落到实处。",
    "。",
]
EXTRA = [
    f"{a}{b}"
    for a in ("城乡", "社区", "农村", "校园", "网络", "公共", "区域")
    for b in ("治理", "服务", "安全", "设施", "秩序", "信用", "救助", "建设")
]
TOPICS = OBJECTS + EXTRA  # 82 subjects of regulation: a document treats two of them
by_topic = {
    topic: [f"{rng.choice(SUBJECTS)}{rng.choice(VERBS)}{topic}{rng.choice(TAILS)}"
            for _ in range(40)]
    for topic in TOPICS
}  # fmt: skip
generic = [
    f"{rng.choice(SUBJECTS)}{rng.choice(VERBS)}有关工作{rng.choice(TAILS)}" for _ in range(200)
]
sentences = [s for pool in by_topic.values() for s in pool] + generic
segmented_of = {s: search.segment(s) for s in sentences}
queries = [" ".join(rng.sample(TOPICS, k=rng.choice([1, 2]))) for _ in range(args.queries)]
queries = [q if rng.random() < 0.8 else f"{q.split()[0]} {rng.choice(SUBJECTS)}" for q in queries]
COMMON = ["学校", "经营者", "监督", "街道办事处", "建立", "公布"]  # in most documents: capped count
queries = [q if rng.random() < 0.9 else rng.choice(COMMON) for q in queries]

spread = random.Random(9)  # statuses, types and filters: the stream above stays as it was
VALIDITIES = spread.choices(Validity.values, weights=[70, 15, 10, 5], k=1000)
DOC_TYPES = spread.choices(DocType.values, weights=[70, 20, 5, 5], k=1000)

started = time.perf_counter()
code = f"fb{rng.randrange(10**6)}"
seeded = Congress.objects.filter(code=code).first() if args.reuse else None
congress = seeded or make_congress(code=code)
gov, _ = Organization.objects.get_or_create(
    congress=congress, name="区司法局", defaults={"is_gov_reviewer": True}
)
bodies = [] if seeded else Organization.objects.bulk_create(
    [Organization(congress=congress, name=f"{s}{n}", is_filing_body=True)
     for n, s in enumerate(SUBJECTS[:12])]
)  # fmt: skip
today = dt.date.today()
size, batch_size = (0 if seeded else args.size), 2000
gin_sql = ""
if search.is_postgres() and size:  # build the GIN index once, after the rows are in
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'filing_search_gin'")
        gin_sql = cursor.fetchone()[0]  # as the migrations left it
        cursor.execute("DROP INDEX IF EXISTS filing_search_gin")
for first in range(0, size, batch_size):
    batch, fts = [], []
    for n in range(first, min(size, first + batch_size)):
        topics = rng.sample(TOPICS, k=2)
        chosen = rng.choices(by_topic[topics[0]] + by_topic[topics[1]], k=150) + rng.choices(
            generic, k=20
        )  # about 5,000 characters
        text = "".join(chosen)
        published = today - dt.timedelta(days=rng.randrange(3650))
        batch.append(Filing(
            congress=congress, body=rng.choice(bodies), gov_reviewer=gov,
            title=f"关于{topics[0]}的若干规定（{n}）", number=f"清规〔{n}〕号",
            published_on=published, filed_on=published, due_on=published, text=text,
            segmented=" ".join(segmented_of[s] for s in chosen), is_public=True,
            validity=VALIDITIES[n % 1000], doc_type=DOC_TYPES[n % 997],
        ))  # fmt: skip
    with transaction.atomic():
        created = Filing.objects.bulk_create(batch)
        with connection.cursor() as cursor:
            if search.is_postgres():  # the vectors of the narrow tables, as index_document stores
                cursor.execute(
                    f"INSERT INTO {search.FTS_TABLE} (id, words, scope) SELECT id, "
                    "to_tsvector('simple', segmented), filings_search_scope(is_public, body_id, "
                    "published_on, validity, doc_type) FROM filings_filing WHERE id = ANY(%s)",
                    [[f.pk for f in created]],
                )
                cursor.execute(
                    f"INSERT INTO {search.HEAD_TABLE} (id, head) SELECT id, "
                    "to_tsvector('simple', left(segmented, 1000)) "
                    "FROM filings_filing WHERE id = ANY(%s) ORDER BY id",
                    [[f.pk for f in created]],
                )
            else:
                cursor.executemany(
                    f"INSERT INTO {search.FTS_TABLE}(rowid, segmented) VALUES (%s, %s)",
                    [(f.pk, f.segmented) for f in created],
                )
if search.is_postgres() and size:
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute(gin_sql)
        for table in (search.FTS_TABLE, search.HEAD_TABLE, "filings_filing"):
            cursor.execute(f"VACUUM ANALYZE {table}")
elif search.is_postgres():  # what a migration rewrote, vacuumed as a seed is
    with connection.cursor() as cursor:
        for table in (search.FTS_TABLE, search.HEAD_TABLE):
            cursor.execute(f"VACUUM ANALYZE {table}")
seed_s = time.perf_counter() - started

public = Filing.objects.filter(is_public=True, congress=congress)


def timed(fn) -> float:
    begin = time.perf_counter()
    fn()
    return (time.perf_counter() - begin) * 1000


with CaptureQueriesContext(connection) as captured:  # show that the index answers the match
    search.search(public, queries[0])
window_sql = next(
    q["sql"] for q in captured.captured_queries if "MATCH" in q["sql"] or "@@" in q["sql"]
)
with transaction.atomic(), connection.cursor() as cursor:
    explain = "EXPLAIN " if search.is_postgres() else "EXPLAIN QUERY PLAN "
    if search.is_postgres():
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
    cursor.execute(explain + window_sql)
    plan = [str(row[-1]) for row in cursor.fetchall()]
print("plan of the index window:", " | ".join(line.strip() for line in plan))

for q in queries[:10]:  # warm the caches
    search.search(public, q)
baseline = statistics.median(timed(lambda: Filing.objects.filter(pk=1).first()) for _ in range(50))
times, hits = [], []
for q in queries:
    times.append(timed(lambda q=q: hits.append(search.search(public, q).total)))
names = sorted(Organization.objects.filter(congress=congress, is_filing_body=True)
               .values_list("name", flat=True))  # fmt: skip
years = sorted({d.year for d in public.dates("published_on", "year")})
filters = []
for n in range(80):
    kind = ("body", "body_year", "year", "status")[n % 4]
    chosen = {
        "body": {"body": spread.choice(names)},
        "body_year": {"body": spread.choice(names), "year": spread.choice(years)},
        "year": {"year": spread.choice(years)},
        "status": {"validity": spread.choice(Validity.values)},
    }[kind]
    filters.append((chosen, spread.choice(COMMON)))


def filtered(chosen: dict, word: str) -> search.Found:
    """Search as the public page does with these filters."""
    return search.search(selectors.public_documents(**chosen), word,
                         scope=selectors.public_scope(**chosen))  # fmt: skip


for chosen, word in filters[:4]:  # warm the caches
    filtered(chosen, word)
narrow_raw = [timed(lambda f=f: filtered(*f)) for f in filters]
narrow = sorted(narrow_raw)
print("filtered:", "; ".join(
    f"{kind} p50_ms={statistics.median(narrow_raw[i::4]):.1f} max_ms={max(narrow_raw[i::4]):.1f}"
    for i, kind in enumerate(("body", "body+year", "year", "status"))
))  # fmt: skip
raw = list(times)
times.sort()
p95 = times[int(len(times) * 0.95) - 1]
common = sorted(t for q, t in zip(queries, raw, strict=True) if q in COMMON)
rest = sorted(t for q, t in zip(queries, raw, strict=True) if q not in COMMON)
print(
    f"common-word queries={len(common)} p50_ms={statistics.median(common):.1f} "
    f"max_ms={common[-1]:.1f}; others={len(rest)} p95_ms={rest[int(len(rest) * 0.95) - 1]:.1f}"
)
print(f"queries={len(times)} median_hits={statistics.median(hits):.0f} examples={queries[:4]}")
print(
    f"p95_ms={p95:.1f} p50_ms={statistics.median(times):.1f} max_ms={times[-1]:.1f} "
    f"baseline_ms={baseline:.2f} docs={public.count()} backend={connection.vendor} "
    f"seed_s={seed_s:.0f} filtered_p95_ms={narrow[int(len(narrow) * 0.95) - 1]:.1f} "
    f"filtered_p50_ms={statistics.median(narrow):.1f} filtered_max_ms={narrow[-1]:.1f}"
)
if scratch:
    shutil.rmtree(scratch, ignore_errors=True)
