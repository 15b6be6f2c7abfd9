"""Citizen submit endpoint under load, beside a trivial view of the same app (DOMAIN budget).

Starts gunicorn on PostgreSQL (a fresh database on the local server; SQLite with --sqlite),
loads the demo, then drives `POST /api/v1/channel/messages` and `GET /healthz` with wrk from
loopback at 32 connections, alternating the two in short phases (`--rounds`) so that other work
on the machine falls on both. Aim: submit_rps / trivial_rps >= 0.5 and p95 < 100 ms.
Each submission carries a unique idempotency key; `stored` counts the messages written.
`*_cpu_ms` is the CPU time the server side (gunicorn workers and the database's backends) spent
per request, and `cpu_ratio` trivial/submit of it: the ratio the request rates tend to on a quiet
machine, and one that other work on the machine does not move as it moves the rates.
Last line: submit_rps=… trivial_rps=… ratio=… p50_ms=… p95_ms=… errors=… stored=…
submit_cpu_ms=… submit_db_cpu_ms=… trivial_cpu_ms=… cpu_ratio=… backend=…
"""

import argparse
import itertools
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = "postgres://postgres@127.0.0.1:5432"
PHASES = itertools.count()

LUA = """
wrk.method = "{method}"
wrk.headers["Content-Type"] = "application/json"
local body = [[{body}]]
local threads, n = 0, 0
setup = function(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
-- Each submission carries its own idempotency key, as the compose page's form does.
request = function()
  if body == "" then return wrk.format() end
  n = n + 1
  return wrk.format(nil, nil, nil, (body:gsub("KEY", "{run}-" .. tid .. "-" .. n)))
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT n=%d rps=%.1f p50=%.2f p95=%.2f errors=%d\\n", summary.requests,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_seconds(pids) -> dict[int, float]:
    """User + system CPU time of each process still running."""
    times = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        times[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return times


def server_pids(server: subprocess.Popen, database: str | None) -> dict[str, set[int]]:
    """The gunicorn workers ("app") and the PostgreSQL backends serving the database ("db")."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    pids = {"app": {server.pid, *map(int, children)}, "db": set()}
    if database:
        out = subprocess.run(
            ["psql", f"{PG}/postgres", "-Atc",
             f"SELECT pid FROM pg_stat_activity WHERE datname = '{database}'"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        pids["db"] = {int(line) for line in out.split()}
    return pids


def wrk(url: str, seconds: int, server: subprocess.Popen, database: str | None,
        method: str = "GET", body: str = "") -> dict:  # fmt: skip
    """Drive `url` for `seconds`; also the server side's CPU time per request (app + database),
    which other work on the machine does not change as it changes the request rate."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        # Keys unique across phases too: pid, phase, wrk thread, request.
        script.write(LUA.format(method=method, body=body, run=f"{os.getpid()}-{next(PHASES)}"))
    before = {k: cpu_seconds(v) for k, v in server_pids(server, database).items()}
    out = subprocess.run(
        ["wrk", "-t2", "-c32", f"-d{seconds}s", "-s", script.name, url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    after = {k: cpu_seconds(v) for k, v in server_pids(server, database).items()}
    os.unlink(script.name)
    match = re.search(r"RESULT n=(\d+) rps=([\d.]+) p50=([\d.]+) p95=([\d.]+) errors=(\d+)", out)
    requests = max(int(match[1]), 1)
    used = {
        side: 1000 * sum(t - before[side].get(pid, 0.0) for pid, t in times.items()) / requests
        for side, times in after.items()
    }
    return {"n": requests, "rps": float(match[2]), "p50": float(match[3]), "p95": float(match[4]),
            "errors": int(match[5]), "cpu_ms": used["app"] + used["db"],
            "db_cpu_ms": used["db"]}  # fmt: skip


def combine(phases: list[dict]) -> dict:
    """One figure from several phases: rates and CPU over all requests, the median p50/p95."""
    requests = sum(p["n"] for p in phases)
    seconds = sum(p["n"] / p["rps"] for p in phases if p["rps"])

    def median(key: str) -> float:
        return statistics.median(p[key] for p in phases)

    return {
        "n": requests, "rps": requests / seconds, "p50": median("p50"), "p95": median("p95"),
        "errors": sum(p["errors"] for p in phases),
        "cpu_ms": sum(p["cpu_ms"] * p["n"] for p in phases) / requests,
        "db_cpu_ms": sum(p["db_cpu_ms"] * p["n"] for p in phases) / requests,
    }  # fmt: skip


def psql(sql: str) -> None:
    subprocess.run(["psql", f"{PG}/postgres", "-q", "-c", sql], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=15, help="seconds of load per endpoint")
    parser.add_argument(
        "--rounds", type=int, default=3,
        help="alternate the two endpoints this many times (the size split between them)",
    )  # fmt: skip
    parser.add_argument("--sqlite", action="store_true", help="use SQLite instead of PostgreSQL")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1, help="gthread workers when > 1")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    var = tempfile.mkdtemp(prefix="renda-bench-")
    env = {**os.environ, "RENDA_VAR_DIR": var, "RENDA_CHANNEL_ADDRESS_LIMIT": str(10**9),
           "RENDA_LOG_LEVEL": "WARNING"}  # fmt: skip
    env.pop("REDIS_URL", None)
    database = None
    if args.sqlite:
        env.pop("DATABASE_URL", None)
    else:
        database = f"renda_bench_{os.getpid()}"
        psql(f"CREATE DATABASE {database} TEMPLATE template0 ENCODING 'UTF8' "
             "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'")  # fmt: skip
        env["DATABASE_URL"] = f"{PG}/{database}"
    renda = [sys.executable, "-m", "renda"]
    server = None
    try:
        subprocess.run([*renda, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        subprocess.run([*renda, "demo"], env=env, cwd=ROOT, check=True, capture_output=True)
        code = subprocess.run(
            [*renda, "shell", "--no-imports", "-c",
             "from renda.directory.models import Deputy;"
             "print(Deputy.objects.get(user__username='deputy').public_code)"],
            env=env, cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout.strip().splitlines()[-1]  # fmt: skip
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "renda.wsgi:application", "--workers",
             str(args.workers), "--threads", str(args.threads), "--bind", f"127.0.0.1:{port}",
             "--log-level", "warning"],
            env=env, cwd=ROOT,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        body = json.dumps({"recipient": code, "kind": "opinion", "idempotency_key": "KEY",
                           "content": "建议在南湖公园增设无障碍通道和休息座椅。"},
                          ensure_ascii=False)  # fmt: skip
        wrk(base + "/healthz", 2, server, database)  # warm up
        # Alternate short phases, so a change in what else the machine does falls on both.
        phase = max(1, round(args.size / args.rounds))
        trivials, submits = [], []
        for _ in range(args.rounds):
            trivials.append(wrk(base + "/healthz", phase, server, database))
            submits.append(
                wrk(base + "/api/v1/channel/messages", phase, server, database, "POST", body)
            )
        trivial, submit = combine(trivials), combine(submits)
        # Every request must have stored a new message (no replay, no refusal passed off as done).
        stored = subprocess.run(
            [*renda, "shell", "--no-imports", "-c",
             "from renda.channel.models import Message;"
             f"print(Message.objects.filter(idempotency_key__startswith='{os.getpid()}-').count())"],
            env=env, cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout.strip().splitlines()[-1]  # fmt: skip
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=15)
        if database:
            psql(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        shutil.rmtree(var, ignore_errors=True)
    print(
        f"submit_rps={submit['rps']:.0f} trivial_rps={trivial['rps']:.0f} "
        f"ratio={submit['rps'] / trivial['rps']:.2f} p50_ms={submit['p50']:.1f} "
        f"p95_ms={submit['p95']:.1f} errors={submit['errors']} stored={stored} "
        f"submit_cpu_ms={submit['cpu_ms']:.2f} submit_db_cpu_ms={submit['db_cpu_ms']:.2f} "
        f"trivial_cpu_ms={trivial['cpu_ms']:.2f} "
        f"cpu_ratio={trivial['cpu_ms'] / submit['cpu_ms']:.2f} "
        f"backend={'sqlite' if args.sqlite else 'postgresql'}"
    )


if __name__ == "__main__":
    main()
