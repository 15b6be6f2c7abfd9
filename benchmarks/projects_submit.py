"""Citizen proposal submit (群众点单) against a trivial public page of the same app, in one process.

Budget (DOMAIN.md): the submit endpoint at >= 0.5 of a trivial view's throughput. Runs on a fresh
SQLite database in a temporary folder through Django's test client (whole middleware stack, CSRF
off as the client does), sequentially; prints p50/p95 per request. Concurrency (32 clients under
gunicorn) is not measured here.
Last line: submit_rps=… trivial_rps=… ratio=… submit_p95_ms=… requests=…
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=400, help="requests per endpoint")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp()
    os.environ.setdefault("RENDA_VAR_DIR", tmp)
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renda.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from renda.core.tests.factories import make_congress

    call_command("migrate", verbosity=0)
    congress = make_congress(code="bench")
    client = Client(HTTP_HOST="127.0.0.1")

    def timed(make_request) -> list[float]:
        times = []
        for n in range(args.size):
            start = time.perf_counter()
            response = make_request(n)
            times.append(time.perf_counter() - start)
            assert response.status_code in (200, 302), response.status_code
        return times

    trivial = timed(lambda n: client.get("/ms/"))
    submit = timed(
        lambda n: client.post(
            f"/ms/propose/{congress.code}/",
            {
                "title": f"建设社区食堂{n}",
                "body": "老人吃饭难，希望就近解决。",
                "idempotency_key": f"k{n}",
            },
            REMOTE_ADDR=f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}",
        )
    )

    def p95(values):
        return statistics.quantiles(values, n=20)[18] * 1000

    submit_rps, trivial_rps = len(submit) / sum(submit), len(trivial) / sum(trivial)
    trivial_p50, submit_p50 = statistics.median(trivial) * 1000, statistics.median(submit) * 1000
    print(f"trivial_p50_ms={trivial_p50:.2f} submit_p50_ms={submit_p50:.2f}")
    ratio = submit_rps / trivial_rps
    print(
        f"submit_rps={submit_rps:.0f} trivial_rps={trivial_rps:.0f} ratio={ratio:.2f} "
        f"submit_p95_ms={p95(submit):.1f} requests={args.size}"
    )


if __name__ == "__main__":
    main()
