"""Fixtures shared by every test package."""

import pytest
from django.core.cache import cache

from renda.core.memo import forget_all
from renda.core.sms import MemorySmsBackend


@pytest.fixture(autouse=True)
def _clean_services():
    """Start each test with an empty cache, memos and SMS outbox."""
    cache.clear()
    forget_all()
    MemorySmsBackend.outbox.clear()
    yield
