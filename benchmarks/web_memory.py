"""Memory of one web worker process with the demo data loaded (budget: < 300 MB RSS).

Starts gunicorn with one worker on a fresh SQLite database in a temporary folder, loads the demo,
requests every kind of page (public, signed-in, API), and reads the worker's resident memory.
Last line: rss_mb=… budget_mb=300 ratio=… requests=…
"""

import argparse
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET_MB = 300


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


def worker_pid(master: int) -> int:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return int(children[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=300, help="rounds of requests")
    args = parser.parse_args()
    renda = [sys.executable, "-m", "renda"]
    with tempfile.TemporaryDirectory() as var:
        env = {**os.environ, "RENDA_VAR_DIR": var}
        env.pop("DATABASE_URL", None)
        subprocess.run([*renda, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        subprocess.run([*renda, "demo"], env=env, check=True, cwd=ROOT, capture_output=True)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "renda.wsgi:application", "--workers", "1",
             "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            env=env, cwd=ROOT,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/healthz", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            jar = http.cookiejar.CookieJar()
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
            login = opener.open(base + "/accounts/login/").read().decode()
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login).group(1)
            form = {"username": "staff", "password": "Renda@2026", "csrfmiddlewaretoken": token}
            opener.open(
                urllib.request.Request(
                    base + "/accounts/login/",
                    data=urllib.parse.urlencode(form).encode(),
                    headers={"Referer": base + "/accounts/login/"},
                )
            )
            pages = ["/", "/home/", "/inbox/", "/api/v1/congresses", "/api/v1/openapi.json",
                     "/api/v1/me", "/static/renda/css/renda.css", "/healthz"]  # fmt: skip
            requests = 0
            for _ in range(args.size):
                for page in pages:
                    opener.open(base + page).read()
                    requests += 1
            rss = rss_mb(worker_pid(server.pid))
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"rss_mb={rss:.1f} budget_mb={BUDGET_MB} ratio={rss / BUDGET_MB:.2f} requests={requests}")


if __name__ == "__main__":
    main()
