"""Rate limits count per key and window, in the shared cache (Redis when configured)."""

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from renda.core.ratelimit import device_key, hit, limit_requests


def test_attempts_beyond_the_limit_are_refused_until_the_next_window():
    results = [hit("t:a", limit=3, window=60, now=1000.0).allowed for _ in range(5)]
    assert results == [True, True, True, False, False]
    assert hit("t:b", limit=3, window=60, now=1000.0).allowed  # another key counts apart
    later = hit("t:a", limit=3, window=60, now=1021.0)  # 1020 starts a new window
    assert later.allowed and later.count == 1


def test_two_first_attempts_at_once_both_count(monkeypatch):
    """The first attempt finds no count; if another creates it meanwhile, this one adds to it."""
    real_incr, missed = cache.incr, []

    def incr(key, *args, **kwargs):
        if not missed:  # as if another worker's first attempt landed between incr and add
            missed.append(key)
            cache.add(key, 1, timeout=61)
            raise ValueError(key)
        return real_incr(key, *args, **kwargs)

    monkeypatch.setattr(cache, "incr", incr)
    assert hit("t:race", limit=5, window=60, now=1000.0).count == 2
    assert hit("t:race", limit=5, window=60, now=1000.0).count == 3


def test_retry_after_counts_to_the_window_end():
    decision = hit("t:c", limit=1, window=60, now=1030.5)  # window 1020–1080
    assert decision.retry_after == 50


@pytest.mark.django_db
def test_decorated_view_answers_429_in_chinese_with_retry_after():
    @limit_requests("test-view", limit=2, window=60)
    def view(request):
        return HttpResponse("ok")

    factory = RequestFactory()
    codes = []
    for _ in range(3):
        request = factory.post("/", REMOTE_ADDR="192.0.2.1")
        request.user = type("Anon", (), {"is_authenticated": False})()
        codes.append(view(request).status_code)
    assert codes == [200, 200, 429]
    request = factory.post("/", REMOTE_ADDR="192.0.2.1")
    request.user = type("Anon", (), {"is_authenticated": False})()
    response = view(request)
    assert "操作太频繁" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    other = factory.post("/", REMOTE_ADDR="192.0.2.2")
    other.user = request.user
    assert view(other).status_code == 200
    assert view(factory.get("/", REMOTE_ADDR="192.0.2.1")).status_code == 200  # GET not counted


def test_peek_reads_without_counting():
    from renda.core.ratelimit import peek

    assert peek("t:p", window=60, now=2000.0) == 0
    hit("t:p", limit=5, window=60, now=2000.0)
    hit("t:p", limit=5, window=60, now=2001.0)
    assert peek("t:p", window=60, now=2002.0) == 2
    assert peek("t:p", window=60, now=2002.0) == 2


def test_a_device_is_its_browser_session_and_gets_one_if_it_has_none(db, rf):
    first = rf.post("/")
    SessionMiddleware(lambda r: None).process_request(first)
    key = device_key(first)
    assert key and first.session.session_key == key
    again = rf.post("/", HTTP_COOKIE=f"sessionid={key}")
    SessionMiddleware(lambda r: None).process_request(again)
    assert device_key(again) == key
    stranger = rf.post("/")
    SessionMiddleware(lambda r: None).process_request(stranger)
    assert device_key(stranger) != key
