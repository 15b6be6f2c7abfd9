"""Background tasks of the core: delivery of e-mail and SMS."""

from django.core.mail import send_mail
from django_tasks import task

from renda.core.sms import send_sms as sms_send


@task()
def deliver_email(to: str, subject: str, body: str) -> None:
    """Send one e-mail."""
    send_mail(subject, body, None, [to])


@task()
def deliver_sms(phone: str, text: str) -> None:
    """Send one SMS."""
    sms_send(phone, text)
