"""Every rule's own positive and negative examples, and the rule file's integrity."""

import pytest

from renda.lawtext import prereview
from renda.lawtext.rules import CATEGORIES, build_ruleset, default_ruleset

RULES = default_ruleset().rules
EXAMPLES = [
    (rule.id, rule.category, kind, text)
    for rule in RULES
    for kind in ("positive", "negative")
    for text in rule.examples.get(kind, [])
]


@pytest.mark.parametrize(("rule_id", "category", "kind", "text"), EXAMPLES)
def test_rule_examples(rule_id, category, kind, text):
    categories = {f.category for f in prereview(text)}
    assert (category in categories) == (kind == "positive"), (rule_id, text)


def test_every_category_has_a_rule_and_pattern_rules_have_examples():
    assert {r.category for r in RULES} == set(CATEGORIES)
    for rule in RULES:
        if rule.check != "conflict":
            assert rule.examples.get("positive") and rule.examples.get("negative"), rule.id
        assert rule.explanation and rule.basis and rule.description


def test_rule_file_errors_are_reported():
    base = {"version": "x", "negations": "不得$", "rules": []}
    bad_category = {
        "id": "a",
        "category": "nope",
        "description": "",
        "explanation": "",
        "basis": "",
    }
    with pytest.raises(ValueError, match="unknown category"):
        build_ruleset({**base, "rules": [{**bad_category, "patterns": ["x"]}]})
    no_patterns = {**bad_category, "category": "fee"}
    with pytest.raises(ValueError, match="patterns or a check"):
        build_ruleset({**base, "rules": [no_patterns]})
