"""With REDIS_URL set, the cache and the sessions live in the real Redis server."""

import os

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache

from renda.core.tests.factories import make_user

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set"),
]


def test_cache_is_redis_and_round_trips():
    assert isinstance(caches["default"], RedisCache)
    cache.set("renda-test", {"代表": 1}, 30)
    assert cache.get("renda-test") == {"代表": 1}
    cache.set("renda-counter", 0, 30)
    assert cache.incr("renda-counter") == 1
    client = caches["default"]._cache.get_client()
    assert client.ping() is True


def test_sessions_are_kept_in_redis(client, settings):
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cache"
    client.force_login(make_user())
    key = client.session.session_key
    assert cache.get(f"django.contrib.sessions.cache{key}") is not None
    assert client.get("/home/").status_code == 200
