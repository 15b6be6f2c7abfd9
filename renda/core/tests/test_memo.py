"""Memos remember per arguments for their time, then ask again; forget_all empties them."""

from renda.core import memo


def counting(seconds):
    calls = []

    @memo.remember_for(seconds)
    def look_up(key):
        calls.append(key)
        return f"value of {key} #{len(calls)}"

    return look_up, calls


def test_a_value_is_remembered_per_arguments_until_its_time_is_up(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(memo.time, "monotonic", lambda: clock[0])
    look_up, calls = counting(60)
    assert look_up("a") == "value of a #1"
    assert look_up("a") == "value of a #1"
    assert look_up("b") == "value of b #2"
    clock[0] += 59.9
    assert look_up("a") == "value of a #1"
    clock[0] += 0.2  # a minute has passed: asked again
    assert look_up("a") == "value of a #3"
    assert calls == ["a", "b", "a"]


def test_none_is_remembered_too(monkeypatch):
    calls = []

    @memo.remember_for(60)
    def missing(key):
        calls.append(key)

    assert missing("nosuchcode") is None and missing("nosuchcode") is None
    assert calls == ["nosuchcode"]


def test_forget_and_forget_all_empty_the_memos():
    look_up, calls = counting(60)
    other, other_calls = counting(60)
    look_up("a"), other("a")
    look_up.forget()
    look_up("a"), other("a")
    assert calls == ["a", "a"] and other_calls == ["a"]
    memo.forget_all()
    look_up("a"), other("a")
    assert calls == ["a", "a", "a"] and other_calls == ["a", "a"]


def test_unbounded_keys_do_not_grow_the_memo_without_end(monkeypatch):
    monkeypatch.setattr(memo, "MAX_KEYS", 3)
    look_up, calls = counting(60)
    for key in "abcdef":
        look_up(key)
    look_up("f")
    assert len(calls) == 6  # the newest key is still remembered after the reset
    look_up("a")
    assert calls[-1] == "a" and len(calls) == 7
