from django.core.management.base import BaseCommand

from renda.core import tick


class Command(BaseCommand):
    help = "Act on everything due or overdue now (reminders, …); safe to run again at any time."

    def handle(self, *args, **options):
        for name, count in tick.run().items():
            self.stdout.write(f"{name}={count}")
