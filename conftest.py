"""Fixtures shared by every test package."""

import pytest
from django.core.cache import cache

from renda.core.sms import MemorySmsBackend


@pytest.fixture(autouse=True)
def _clean_services():
    """Start each test with an empty cache and SMS outbox."""
    cache.clear()
    MemorySmsBackend.outbox.clear()
    yield
