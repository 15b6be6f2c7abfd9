from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the background task worker (e-mail, SMS, exports); --batch stops when idle."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="run queued tasks, then exit")

    def handle(self, *args, batch, **options):
        extra = ["--batch"] if batch else []
        call_command("db_worker", "--no-startup-delay", *extra)
