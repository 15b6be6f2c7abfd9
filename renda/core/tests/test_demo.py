"""The demo congress loads, loads again without duplicates, and every role can log in."""

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from renda.core import demo
from renda.core.models import Congress, Membership, Notification, User
from renda.core.roles import Role

pytestmark = pytest.mark.django_db


def counts():
    return (
        Congress.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        Notification.objects.count(),
    )


def test_demo_has_a_district_with_townships_and_every_role(rf):
    context = demo.load()
    district = context.district
    assert district.level == Congress.Level.COUNTY
    assert district.children.count() == 4
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role)
    request = rf.post("/accounts/login/")
    for account in demo.ACCOUNTS:
        assert authenticate(request, username=account.username, password=demo.DEMO_PASSWORD)


def test_loading_again_keeps_data_and_creates_nothing_new(capsys):
    call_command("demo")
    before = counts()
    user = User.objects.get(username="deputy")
    user.set_password("Changed#Pass2026")
    user.save()
    call_command("demo")
    assert counts() == before
    assert User.objects.get(username="deputy").check_password("Changed#Pass2026")
    out = capsys.readouterr().out
    assert "deputy" in out and demo.DEMO_PASSWORD in out
