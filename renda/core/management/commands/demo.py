from django.core.management.base import BaseCommand

from renda.core import demo


class Command(BaseCommand):
    help = "Load the demo congress (idempotent: keeps data already there) and list its accounts."

    def handle(self, *args, **options):
        demo.load()
        self.stdout.write(demo.accounts_table())
