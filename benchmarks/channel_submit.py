"""Citizen submit endpoint under load, beside a trivial view of the same app (DOMAIN budget).

Starts gunicorn on PostgreSQL (a fresh database on the local server; SQLite with --sqlite),
loads the demo, then drives `POST /api/v1/channel/messages` and `GET /healthz` with wrk from
loopback at 32 connections. Aim: submit_rps / trivial_rps >= 0.5 and p95 < 100 ms.
Last line: submit_rps=… trivial_rps=… ratio=… p50_ms=… p95_ms=… errors=… backend=…
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = "postgres://postgres@127.0.0.1:5432"

LUA = """
wrk.method = "{method}"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{body}]]
done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.1f p50=%.2f p95=%.2f errors=%d\\n",
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


def wrk(url: str, seconds: int, method: str = "GET", body: str = "") -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA.format(method=method, body=body))
    out = subprocess.run(
        ["wrk", "-t2", "-c32", f"-d{seconds}s", "-s", script.name, url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    os.unlink(script.name)
    match = re.search(r"RESULT rps=([\d.]+) p50=([\d.]+) p95=([\d.]+) errors=(\d+)", out)
    return {"rps": float(match[1]), "p50": float(match[2]), "p95": float(match[3]),
            "errors": int(match[4])}  # fmt: skip


def psql(sql: str) -> None:
    subprocess.run(["psql", f"{PG}/postgres", "-q", "-c", sql], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=15, help="seconds of load per endpoint")
    parser.add_argument("--sqlite", action="store_true", help="use SQLite instead of PostgreSQL")
    parser.add_argument("--workers", type=int, default=4)
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
             str(args.workers), "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            env=env, cwd=ROOT,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        body = json.dumps({"recipient": code, "kind": "opinion",
                           "content": "建议在南湖公园增设无障碍通道和休息座椅。"},
                          ensure_ascii=False)  # fmt: skip
        wrk(base + "/healthz", 2)  # warm up
        trivial = wrk(base + "/healthz", args.size)
        submit = wrk(base + "/api/v1/channel/messages", args.size, "POST", body)
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
        f"p95_ms={submit['p95']:.1f} errors={submit['errors']} "
        f"backend={'sqlite' if args.sqlite else 'postgresql'}"
    )


if __name__ == "__main__":
    main()
