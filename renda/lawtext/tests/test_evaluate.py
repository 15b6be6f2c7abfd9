"""The evaluation set is well formed and the scores do not fall below the reported figures."""

from pathlib import Path

import yaml

from renda.lawtext.evaluate import SPLITS, evaluate, load_items, main
from renda.lawtext.rules import CATEGORIES

EVAL = Path(__file__).resolve().parent.parent / "eval"


def _sources() -> dict:
    """Return the sources of every split: sources.yaml and any later split's own *sources.yaml."""
    sources: dict = {}
    for path in sorted(EVAL.glob("*sources.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        sources.update(data.get("sources", data) if set(data) == {"sources"} else data)
    return sources


def test_every_item_has_a_known_source_split_and_categories():
    sources = _sources()
    items = load_items()
    assert len({i["id"] for i in items}) == len(items)
    for item in items:
        assert item["source"] in sources and item["split"] in SPLITS
        assert set(item["labels"]) <= set(CATEGORIES)
    labelled = {c for i in items if i["split"] == "heldout" for c in i["labels"]}
    assert labelled == set(CATEGORIES)


def test_heldout2_has_sixty_items_and_four_positives_per_category():
    items = [i for i in load_items() if i["split"] == "heldout2"]
    assert len(items) >= 60
    for category in CATEGORIES:
        assert sum(category in i["labels"] for i in items) >= 4, category
    assert sum(not i["labels"] for i in items) >= 15


def test_scores_stay_at_least_at_the_reported_level():
    dev, heldout = evaluate("dev").total(), evaluate("heldout").total()
    assert dev.precision >= 0.95 and dev.recall >= 0.95
    assert heldout.precision >= 0.95 and heldout.recall >= 0.95
    heldout2, heldout3 = evaluate("heldout2").total(), evaluate("heldout3").total()
    assert heldout2.precision >= 0.95 and heldout2.recall >= 0.95
    assert heldout3.precision >= 0.95 and heldout3.recall >= 0.95
    # heldout4, 5 and 6 are training data of the learned second opinion (data/model.json)
    for split in ("heldout4", "heldout5", "heldout6"):
        total = evaluate(split).total()
        assert total.precision >= 0.85 and total.recall >= 0.85, split
    # heldout7 is blind: no worse than its first run (eval/heldout7_first_run.txt, 97 of 109
    # findings right, 97 of 121 labels found)
    heldout7 = evaluate("heldout7").total()
    assert heldout7.precision >= 0.88 and heldout7.recall >= 0.80


def test_main_prints_key_value_figures_last(capsys):
    assert main(["--split", "dev"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("dev_items=") and "dev_precision=" in last


def test_the_engine_imports_no_django():
    package = Path(__file__).resolve().parent.parent
    for path in package.rglob("*.py"):
        if "tests" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert "import django" not in text and "from django" not in text, path
