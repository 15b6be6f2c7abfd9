"""Audit sign-ins, sign-outs and failed attempts (Django's own auth signals)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from renda.core.audit import audit_record


@receiver(user_logged_in, dispatch_uid="renda-audit-login")
def _logged_in(sender, request, user, **kwargs):
    audit_record("account.login", actor=user, request=request, target=user)


@receiver(user_logged_out, dispatch_uid="renda-audit-logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record("account.logout", actor=user, request=request, target=user)


@receiver(user_login_failed, dispatch_uid="renda-audit-login-failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    audit_record(
        "account.login_failed",
        request=request,
        data={"username": str(credentials.get("username", ""))[:150]},
    )
