"""Aligning draft and final articles by content, with renumbering and moves."""

from renda.legislation.compare import ADDED, CHANGED, REMOVED, SAME, align, side_by_side

DRAFT = [
    "为了加强电动自行车管理，制定本条例。",
    "本条例适用于本市行政区域。",
    "驾驶电动自行车应当佩戴安全头盔。",
    "禁止在楼道内为电动自行车充电。",
]
FINAL = [
    "为了加强电动自行车管理，保障安全，制定本条例。",
    "禁止在楼道内为电动自行车充电。",
    "驾驶电动自行车应当佩戴安全头盔。",
    "住宅小区应当设置集中充电场所。",
]


def test_align_follows_moves_changes_removals_and_additions():
    matches = align(DRAFT, FINAL)
    by_draft = {m.draft: m for m in matches if m.draft is not None}
    assert by_draft[0].final == 0 and by_draft[0].change == CHANGED
    assert by_draft[1].final is None and by_draft[1].change == REMOVED
    assert by_draft[2].final == 2 and by_draft[2].change == SAME
    assert by_draft[3].final == 1 and by_draft[3].change == SAME
    assert [m.final for m in matches if m.change == ADDED] == [3]


def test_side_by_side_marks_deletions_and_insertions():
    left, right = side_by_side("处五十元罚款", "处一百元罚款")
    assert ("del", "五十") in left
    assert ("ins", "一百") in right
    assert "".join(t for _op, t in left) == "处五十元罚款"
