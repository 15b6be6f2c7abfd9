from django.core.management.base import BaseCommand, CommandError

from renda.core.accounts import token_issue
from renda.core.models import User


class Command(BaseCommand):
    help = "Issue an API token for USER and print it (shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line")
        parser.add_argument("--days", type=int, default=None, help="expire after this many days")

    def handle(self, *args, username, name, days, **options):
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {username!r}")
        _token, raw = token_issue(user=user, name=name, days=days)
        self.stdout.write(raw)
