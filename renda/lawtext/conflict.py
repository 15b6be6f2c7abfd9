"""Set a clause beside the higher-level articles on the same subject and spot contradictions.

Three kinds of contradiction are reported, all only between sentences that share key terms:
a modal one (the higher law says 不得 and the clause says 可以, 应当 against 无需 or 不得, 予以
against 不予 unless the refusal only answers a failed condition), a numeric one (an amount or
time limit outside the higher law's figure or range for the same matter; 工作日 and 日 are
compared as spans, 年 and 个月 as months; the modal or the amounts may sit in another sentence
of the matched article, for the same kind of party), and a time limit that the clause restarts
or suspends (重新计算, 不计入) where the higher law does not.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import rjieba

from .model import LawDocument
from .numerals import cn_to_int

if TYPE_CHECKING:
    from .prereview import Clause

STOPWORDS = frozenset(
    [
        "规定",
        "应当",
        "可以",
        "不得",
        "禁止",
        "严禁",
        "不准",
        "允许",
        "准许",
        "必须",
        "有权",
        "无需",
        "无须",
        "不必",
        "本法",
        "本条例",
        "条例",
        "办法",
        "本办法",
        "规则",
        "细则",
        "有关",
        "相关",
        "部门",
        "单位",
        "人民政府",
        "县级",
        "以上",
        "以下",
        "以内",
        "进行",
        "依照",
        "按照",
        "依据",
        "根据",
        "或者",
        "以及",
        "并且",
        "其他",
        "予以",
        "给予",
        "对于",
        "关于",
        "情形",
        "工作",
        "管理",
        "本市",
        "本省",
        "本区",
        "本县",
        "实施",
        "执行",
        "负责",
        "之日起",
        "之日",
        "违反",
        "元",
        "日",
        "个",
        "月",
        "年",
        "的",
        "和",
        "或",
        "及",
        "与",
        "在",
        "对",
        "由",
        "向",
        "将",
        "为",
        "其",
        "之",
        "等",
        "第",
        "条",
        "款",
        "项",
        "一",
        "二",
        "三",
        "四",
        "五",
    ]
)
MODAL_RE = re.compile(
    r"(?P<prohibit>不得|禁止|严禁|不准|不应当)|(?P<exempt>可以不|无需|无须|不必|免于|免予)"
    r"|(?P<refuse>不予以?|不准予)|(?P<grant>予以|准予|应予)"
    r"|(?P<permit>可以|允许|准许|有权)|(?P<oblige>应当|必须)"
)
#: (higher law's modal, clause's modal) pairs that contradict each other on the same action
CONFLICTING = {
    ("prohibit", "permit"),
    ("permit", "prohibit"),
    ("oblige", "exempt"),
    ("prohibit", "oblige"),
    ("oblige", "prohibit"),
    ("grant", "refuse"),
    ("refuse", "grant"),
}
#: a refusal whose condition is the higher law's own (不符合…的，不予…) restates it
MIRRORED_CONDITION_RE = re.compile(r"不符合|不具备|不满足|不属于|未达到|不能证明")
QUANTITY_RE = re.compile(
    r"(?P<num>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+)\s*"
    r"(?P<unit>万元|元|个工作日|工作日|日|天|个月|年|小时|％|%)"
)
UNIT_CLASS = {
    "万元": ("money", 10_000),
    "元": ("money", 1),
    "个工作日": ("days", 1),
    "工作日": ("days", 1),
    "日": ("days", 1),
    "天": ("days", 1),
    "个月": ("months", 1),
    "年": ("months", 12),
    "小时": ("hours", 1),
    "％": ("percent", 1),
    "%": ("percent", 1),
}
TIME_CLASSES = frozenset({"days", "months", "hours"})
#: how many calendar days a working day may span (weekends, holidays): 工作日 figures are
#: compared with 日 figures as a range, so 20 工作日 neither equals nor contradicts 28 日
WORKDAY_SPAN = 1.5
RESTART_RE = re.compile(r"重新计算|重新起算|另行计算|不计入|中止计算|扣除[^。；，]{0,6}期间")
PART_SPLIT_RE = re.compile(r"[，；,;：:]")
SENTENCE_SPLIT_RE = re.compile(r"[^。；\n]+")
ACTION_WINDOW = 14


@dataclass
class HigherArticle:
    """An article of a higher-level law to compare against."""

    law: str
    label: str
    text: str


def higher_articles(higher: LawDocument | str | Sequence[LawDocument | str]) -> list[HigherArticle]:
    """Turn parsed laws, law texts or single article texts into a flat list of articles."""
    from .structure import parse_text

    items = [higher] if isinstance(higher, LawDocument | str) else list(higher)
    out: list[HigherArticle] = []
    for item in items:
        doc = parse_text(item) if isinstance(item, str) else item
        if doc.articles and doc.numbering == "articles":
            out.extend(HigherArticle(doc.title, a.label, a.text) for a in doc.articles)
        elif isinstance(item, str):
            out.append(HigherArticle("", "", item))
    return out


def terms(text: str) -> set[str]:
    """Return the key terms of a text: segmented words of two or more characters, no stopwords."""
    return {
        w
        for w in rjieba.cut(text)
        if len(w) >= 2 and w not in STOPWORDS and not QUANTITY_RE.fullmatch(w) and not w.isdigit()
    }


def _quantities(text: str) -> list[tuple[str, float, float, int]]:
    """Return (unit class, lowest value, highest value, position) for each amount or duration.

    A figure in working days stands for a span of calendar days (up to WORKDAY_SPAN times it).
    """
    out = []
    for match in QUANTITY_RE.finditer(text):
        try:
            value = (
                float(match["num"]) if match["num"][0].isdigit() else float(cn_to_int(match["num"]))
            )
        except ValueError:
            continue
        unit_class, factor = UNIT_CLASS[match["unit"]]
        span = WORKDAY_SPAN if "工作日" in match["unit"] else 1.0
        out.append((unit_class, value * factor, value * factor * span, match.start()))
    return out


def _part(text: str, pos: int) -> str:
    """Return the comma-delimited part of a sentence around a position."""
    bounds = [m.start() for m in PART_SPLIT_RE.finditer(text)]
    left = max([b + 1 for b in bounds if b < pos], default=0)
    right = min([b for b in bounds if b >= pos], default=len(text))
    return text[left:right]


def _modal_conflict(clause: str, higher: str) -> str | None:
    """Describe a modal contradiction about the same action, if there is one."""
    for cm in MODAL_RE.finditer(clause):
        c_kind = cm.lastgroup
        c_action = terms(clause[cm.end() : cm.end() + ACTION_WINDOW])
        if not c_action or _mirrored_refusal(clause, cm):
            continue
        for hm in MODAL_RE.finditer(higher):
            if (hm.lastgroup, c_kind) not in CONFLICTING or _mirrored_refusal(higher, hm):
                continue
            h_action = terms(higher[hm.end() : hm.end() + ACTION_WINDOW])
            shared = c_action & h_action
            if shared:
                return (
                    f"上位法规定“{hm.group()}{''.join(sorted(shared))}”，本条款规定“{cm.group()}”"
                )
    return None


def _mirrored_refusal(text: str, modal: re.Match[str]) -> bool:
    """Say whether a refusal only answers a failed condition (不符合条件的，不予…)."""
    if modal.lastgroup != "refuse":
        return False
    start = max(text.rfind(mark, 0, modal.start()) for mark in "。；\n")
    return MIRRORED_CONDITION_RE.search(text, start + 1, modal.start()) is not None


def _numeric_conflict(clause: str, higher: str) -> str | None:
    """Describe an amount or time limit outside the higher law's figures for the same matter."""
    h_quantities = _quantities(higher)
    if not h_quantities:
        return None
    for unit_class, c_low, c_high, pos in _quantities(clause):
        c_terms = terms(_part(clause, pos))
        same = [
            (lo, hi)
            for cls, lo, hi, p in h_quantities
            if cls == unit_class and c_terms & terms(_part(higher, p))
        ]
        if not same:
            continue
        low, high = min(lo for lo, _ in same), max(hi for _, hi in same)
        if c_high < low or c_low > high:
            figure = f"{low:g}" if low == high else f"{low:g}至{high:g}"
            return f"本条款数额或期限为{c_low:g}，上位法同一事项为{figure}（{unit_class}）"
    return None


def find_conflicts(
    clauses: Sequence[Clause], higher: Sequence[HigherArticle], parameters: dict[str, Any]
) -> list[tuple[Clause, str, str]]:
    """Return (clause, trigger, note) for clauses contradicting a higher-level article."""
    if not higher:
        return []
    min_shared = int(parameters.get("min_shared_terms", 2))
    max_candidates = int(parameters.get("max_candidates", 3))
    sentences = [
        (art, sentence.group())
        for art in higher
        for sentence in SENTENCE_SPLIT_RE.finditer(art.text)
        if len(sentence.group()) > 4
    ]
    sentence_terms = [terms(s) for _, s in sentences]
    df = Counter(t for ts in sentence_terms for t in ts)
    total = len(sentences)
    out = []
    for clause in clauses:
        c_terms = terms(clause.text)
        if len(c_terms) < min_shared:
            continue
        scored = []
        for index, ts in enumerate(sentence_terms):
            shared = c_terms & ts
            if len(shared) >= min_shared:
                score = sum(math.log(1 + total / df[t]) for t in shared)
                scored.append((score, index))
        scored.sort(reverse=True)
        for _, index in scored[:max_candidates]:
            art, sentence = sentences[index]
            found = _sentence_conflict(clause.text, sentence) or _sibling_conflict(
                clause.text, art, sentence
            )
            if found:
                sentence, note = found
                where = f"《{art.law}》{art.label}" if art.law else "上位法"
                out.append((clause, f"{where}：{sentence}", note))
                break
    return out


def _sentence_conflict(clause: str, sentence: str) -> tuple[str, str] | None:
    """Return (sentence, note) for a modal, numeric or time-limit contradiction."""
    note = (
        _modal_conflict(clause, sentence)
        or _numeric_conflict(clause, sentence)
        or _restart_conflict(clause, sentence)
    )
    return (sentence, note) if note else None


def _restart_conflict(clause: str, higher: str) -> str | None:
    """Describe a time limit the clause restarts or suspends where the higher law does not."""
    restart = RESTART_RE.search(clause)
    if restart is None or RESTART_RE.search(higher):
        return None
    clause_units = {q[0] for q in _quantities(clause) if q[0] in TIME_CLASSES}
    higher_units = {q[0] for q in _quantities(higher) if q[0] in TIME_CLASSES}
    if clause_units & higher_units or ("期限" in clause and higher_units):
        return f"本条款规定期限“{restart.group()}”，上位法对同一期限未作此规定"
    return None


def _sibling_conflict(clause: str, art: HigherArticle, matched: str) -> tuple[str, str] | None:
    """Compare modals and figures with the other sentences of the matched article.

    An article often describes the conduct in one sentence and sets the amounts or the decision
    in the next (单位有前款行为的，处…罚款；个人…; 符合本法规定的，予以登记). The sentences
    for the other kind of party are skipped: a clause about 单位 is not compared with a sentence
    about 个人 only, and the reverse.
    """
    for sibling in SENTENCE_SPLIT_RE.finditer(art.text):
        text = sibling.group()
        if text == matched or not _same_party(clause, text):
            continue
        note = _modal_conflict(clause, text) or _numeric_conflict(clause, text)
        if note:
            return text, note
    return None


def _same_party(clause: str, sentence: str) -> bool:
    """Say whether a sentence may be about the same kind of party as the clause."""
    for mine, other in (("单位", "个人"), ("个人", "单位")):
        if mine in clause and other not in clause and other in sentence and mine not in sentence:
            return False
    return True
