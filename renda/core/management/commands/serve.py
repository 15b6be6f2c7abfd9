import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

from renda.core import demo


class Command(BaseCommand):
    help = "Serve Renda with gunicorn and run the task worker and the minute tick beside it."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", 2)))
        parser.add_argument("--no-worker", action="store_true", help="do not start the worker")

    def handle(self, *args, host, port, workers, no_worker, **options):
        python = sys.executable
        children = [
            subprocess.Popen(  # noqa: S603 (fixed arguments)
                [
                    python, "-m", "gunicorn", "renda.wsgi:application",
                    "--bind", f"{host}:{port}", "--workers", str(workers),
                    "--access-logfile", "-", "--graceful-timeout", "5",
                ]
            )
        ]  # fmt: skip
        if not no_worker:
            children.append(subprocess.Popen([python, "-m", "renda", "worker"]))  # noqa: S603
        self.stdout.write(demo.accounts_table())
        self.stdout.write(f"\n智慧人大 is serving on http://{host}:{port}/  (Ctrl-C stops it)\n")
        stopping = False

        def stop(*_args):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        last_tick = 0.0
        try:
            while not stopping and all(child.poll() is None for child in children):
                if not no_worker and time.monotonic() - last_tick > 60:
                    subprocess.run([python, "-m", "renda", "tick"], check=False)  # noqa: S603
                    last_tick = time.monotonic()
                time.sleep(0.5)
        finally:
            for child in children:
                if child.poll() is None:
                    child.terminate()
            for child in children:
                child.wait(timeout=15)
