"""Send SMS through a pluggable gateway (RENDA_SMS_BACKEND names the class)."""

import logging
from abc import ABC, abstractmethod

from django.conf import settings
from django.utils.module_loading import import_string

from renda.core.masking import mask_phone

logger = logging.getLogger("renda.sms")


class BaseSmsBackend(ABC):
    """A gateway: subclasses send one text message to one phone number."""

    @abstractmethod
    def send(self, phone: str, text: str) -> None:
        """Send `text` to `phone`, raising if the gateway refuses it."""


class LogSmsBackend(BaseSmsBackend):
    """Write messages to the log instead of sending them (the default)."""

    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", mask_phone(phone), text)


class MemorySmsBackend(BaseSmsBackend):
    """Keep messages in `outbox`, as Django's locmem mail backend does."""

    outbox: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        MemorySmsBackend.outbox.append((phone, text))


def send_sms(phone: str, text: str) -> None:
    """Send `text` to `phone` through the configured gateway."""
    import_string(settings.RENDA_SMS_BACKEND)().send(phone, text)
