"""Passwords, lockout, idle sessions and password age."""

import datetime as dt

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from renda.core.models import AuditEvent
from renda.core.tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_dengbao_profile_requires_three_character_classes(settings):
    assert settings.SECURITY_PROFILE == "dengbao"
    with pytest.raises(ValidationError) as err:
        validate_password("abcdefghijkl123")
    assert "至少3类" in " ".join(err.value.messages)
    validate_password("Abcdefgh#2026")


def test_short_and_common_passwords_are_refused():
    with pytest.raises(ValidationError):
        validate_password("Ab#1")
    with pytest.raises(ValidationError):
        validate_password("password123")


def test_login_logs_in_and_is_audited(client):
    user = make_user(username="wang")
    response = client.post(reverse("core:login"), {"username": "wang", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("core:home")
    assert AuditEvent.objects.filter(action="account.login", actor=user).exists()


def test_repeated_failures_lock_the_account_from_that_address_only(client, settings):
    make_user(username="zhang")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            reverse("core:login"),
            {"username": "zhang", "password": "wrong"},
            REMOTE_ADDR="10.0.0.9",
        )
    assert response.status_code == 429
    assert "暂时锁定" in response.content.decode()
    # Even the right password is refused now from that address…
    locked = client.post(
        reverse("core:login"), {"username": "zhang", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert locked.status_code == 429
    # …but a colleague behind the same gateway and the owner elsewhere still get in.
    make_user(username="li")
    other = client.post(
        reverse("core:login"), {"username": "li", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 302
    client.logout()
    elsewhere = client.post(
        reverse("core:login"), {"username": "zhang", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7"
    )
    assert elsewhere.status_code == 302
    assert AuditEvent.objects.filter(action="account.login_failed").count() >= 5


def test_failed_login_shows_a_chinese_error(client):
    response = client.post(reverse("core:login"), {"username": "nobody", "password": "x"})
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


def test_sessions_end_after_idle_time(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_an_old_password_must_be_changed_first(client):
    user = make_user()
    user.password_changed_at = timezone.now() - dt.timedelta(days=91)
    user.save()
    client.force_login(user)
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("core:password_change") + "?expired=1"
    page = client.get(response["Location"]).content.decode()
    assert "已超过有效期" in page
    response = client.post(
        reverse("core:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Neu#Passwort9",
            "new_password2": "Neu#Passwort9",
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200
    assert AuditEvent.objects.filter(action="account.password_change", actor=user).exists()


def test_password_change_errors_are_in_chinese(client):
    client.force_login(make_user())
    response = client.post(
        reverse("core:password_change"),
        {"old_password": PASSWORD, "new_password1": "abc", "new_password2": "abd"},
    )
    assert "输入的两个密码不一致" in response.content.decode()
