"""Point a reviewer at the risky clauses of a normative document, by rules kept as data."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

from .citations import extract_citations
from .conflict import HigherArticle, find_conflicts, higher_articles
from .laws import LawRegistry, default_registry
from .learned import MIN_CLAUSE_CHARS, MODEL_DOC_TYPES, Model, default_model
from .model import LawDocument
from .normalize import normalize
from .numerals import cn_to_int
from .rules import DOC_TYPES, Rule, RuleSet, default_ruleset
from .structure import parse_text

SENTENCE_RE = re.compile(r"[^。！？!?\n]+(?:[。！？!?]|$)", re.MULTILINE)
EFFECTIVE_SENTENCE_RE = re.compile(
    r"(?:自|从|于)[^，。；]{0,40}?(?:起|日|后)(?:开始)?(?:施行|实施|执行|生效|实行|试行)"
)
_YEAR = r"\d{4}|[〇零一二三四五六七八九]{4}"
_PERIOD = r"(?:有效期限?|执行期限?|实施期限?|施行期限?|试行期限?|有效时间|执行期)"
VALIDITY_RE = re.compile(
    _PERIOD + r"(?:为|是|暂定为?|均为|：|:)?[^。；，\d一二三四五六七八九十两至到截]{0,4}"
    r"(?P<n>\d+(?:\.\d+)?|[一二三四五六七八九十两]+)(?P<unit>年|个月)"
    r"|" + _PERIOD + rf"(?:至|到|截至|截止(?:到|至)?)(?P<y>{_YEAR})年"
    rf"|(?:有效|执行|实施|施行|试行)(?:至|到)(?P<y2>{_YEAR})年"
    rf"|起至(?P<y3>{_YEAR})年"
    r"|(?:试行|暂行)(?P<n2>\d+|[一二三四五六七八九十两]+)年"
    r"|(?P<forever>长期有效|永久有效|长期执行|长期适用)"
)
#: a validity period that belongs to a licence, contract or record, not to the document
OTHER_VALIDITY_RE = re.compile(r"证|照|许可|资格|资质|合同|协议|批复|决定书|卡|票据|备案|登记")
DOCUMENT_SELF_RE = re.compile(
    r"本(?:办法|规定|细则|通知|意见|决定|措施|方案|规则|制度|标准|文件|实施意见|若干)"
)
#: the document calls itself provisional (a cited 《…暂行办法》 does not count)
TRIAL_RE = re.compile(r"(?:本|此)(?:暂行|试行)|起试行|试行期")
LABEL_RE = re.compile(
    r"第[^条\s]{1,12}条(?:之[一二三四五六七八九十]+)?\s*(?:【[^】]*】)?\s*|[一二三四五六七八九十]+、\s*"
)
YEAR_RE = re.compile(rf"({_YEAR})年")
_MD = r"[\d一二三四五六七八九十]{1,3}"
DATE_RE = re.compile(rf"(?P<y>{_YEAR})年(?:(?P<m>{_MD})月(?:(?P<d>{_MD})日)?)?")
#: conduct or benefits from a date on, brought under this document (2023年1月1日以后…依照本办法)
DATED_APPLICATION_RE = re.compile(
    rf"{DATE_RE.pattern}(?:以后|以来|之后|后|起|至今)(?!施行|实施|执行|生效|试行)"
    r"[^。；]{0,60}?(?:依照本|按照本|按本|依本|适用本|参照本|执行本)"
)
#: the day the document itself was adopted or issued (经2023年9月12日县人民政府常务会议研究通过)
ADOPTED_RE = re.compile(
    rf"{DATE_RE.pattern}[^。；，]{{0,20}}?(?:审议通过|研究通过|讨论通过|通过|印发|发布|公布|签发)"
)
REPEAL_CONTEXT_RE = re.compile(r"废止|失效|同时废止|不再适用")


@dataclass
class Finding:
    """A clause a reviewer should look at, with why and against what."""

    category: str
    rule: str
    article: str | None
    clause: str
    start: int
    end: int
    trigger: str
    explanation: str
    basis: str

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape printed by `renda prereview --json`."""
        return asdict(self)


@dataclass(slots=True)
class Clause:
    """A sentence of the document with its span and article label."""

    text: str
    start: int
    end: int
    article: str | None


def split_clauses(doc: LawDocument) -> list[Clause]:
    """Split a parsed document's source into sentences labelled with their article."""
    clauses = []
    for match in SENTENCE_RE.finditer(doc.source):
        raw = match.group()
        text = raw.strip()
        if len(text) < 2:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        article = doc.article_at(start)
        if article is not None and start == article.start:
            label = LABEL_RE.match(text)
            if label:
                text = text[label.end() :]
                start += label.end()
                if len(text) < 2:
                    continue
        clauses.append(Clause(text, start, start + len(text), article.label if article else None))
    return clauses


def _subclause(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the bounds of the ；-delimited part of a sentence that holds a span."""
    left = text.rfind("；", 0, start) + 1
    right = text.find("；", end)
    return left, len(text) if right < 0 else right


def _keyword_findings(clause: Clause, rule: Rule, ruleset: RuleSet) -> Finding | None:
    """Apply a pattern rule to one clause; return a finding for the first unexcused trigger."""
    assert rule.pattern is not None
    text = clause.text
    if rule.sentence_exception is not None and rule.sentence_exception.search(text):
        return None
    for match in rule.pattern.finditer(text):
        left, right = _subclause(text, match.start(), match.end())
        part = text[left:right]
        if rule.exception is not None and rule.exception.search(part):
            continue
        if rule.negation and _negated(text, left, match.start(), ruleset):
            continue
        return _finding(rule, clause, match.group())
    return None


def _negated(text: str, left: int, start: int, ruleset: RuleSet) -> bool:
    """Say whether a trigger is governed by a prohibition or repeal before it in its sub-clause.

    A negation word just before the trigger counts (不得收取…); a strong prohibition earlier in
    the sub-clause also governs a list that runs on across commas (不得…强制要求…，搭车或者收取…)
    unless a new condition, subject or modal intervenes (的，/违者/应当/可以…).
    """
    if ruleset.negation.search(text[max(left, start - 24) : start]):
        return True
    return prohibits(text[left:start], ruleset)


def _finding(rule: Rule, clause: Clause, trigger: str, explanation: str | None = None) -> Finding:
    """Build a finding for a clause."""
    return Finding(
        category=rule.category,
        rule=rule.id,
        article=clause.article,
        clause=clause.text,
        start=clause.start,
        end=clause.end,
        trigger=trigger,
        explanation=explanation or rule.explanation,
        basis=rule.basis,
    )


def _repealed_citations(clauses: list[Clause], rule: Rule, registry: LawRegistry) -> list[Finding]:
    """Flag clauses that cite a law the registry lists as repealed."""
    findings = []
    for clause in clauses:
        if "《" not in clause.text or REPEAL_CONTEXT_RE.search(clause.text):
            continue
        for citation in extract_citations(clause.text):
            status = registry.status(citation.title) if citation.title else None
            if status is None or not status.repealed:
                continue
            note = f"《{citation.title}》已于{status.repealed_on or '（日期待核）'}废止"
            if status.replaced_by:
                note += f"，由《{status.replaced_by}》替代"
            findings.append(
                _finding(rule, clause, f"《{citation.title}》", f"{note}。{rule.explanation}")
            )
            break
    return findings


def _validity(clauses: list[Clause], rule: Rule, doc: LawDocument) -> list[Finding]:
    """Flag a normative document with no validity period or one longer than allowed."""
    trial = any(word in doc.title for word in ("试行", "暂行")) or any(
        TRIAL_RE.search(clause.text) for clause in clauses
    )
    limit = int(rule.parameters.get("max_years_trial" if trial else "max_years", 5))
    effective_clause = None
    effective_year = None
    for clause in clauses:
        match = _document_validity(clause.text)
        if match:
            if match["forever"]:
                return [_finding(rule, clause, match.group())]
            years = _validity_years(match, clause.text, effective_year)
            if years is not None and years > limit:
                note = f"有效期{years:g}年，超过{limit}年。{rule.explanation}"
                return [_finding(rule, clause, match.group(), note)]
            return []
        if EFFECTIVE_SENTENCE_RE.search(clause.text):
            effective_clause = clause
            year = YEAR_RE.search(clause.text)
            effective_year = cn_to_int(year.group(1)) if year else effective_year
    if effective_clause is not None:
        trigger = EFFECTIVE_SENTENCE_RE.search(effective_clause.text)
        assert trigger is not None
        note = f"文件规定了施行日期，但未规定有效期。{rule.explanation}"
        return [_finding(rule, effective_clause, trigger.group(), note)]
    return []


def _date(match: re.Match[str]) -> tuple[int, int, int]:
    """Return (year, month, day) of a DATE_RE match, a missing month or day read as 1."""
    parts = (match["y"], match["m"], match["d"])
    return tuple(cn_to_int(p) if p else 1 for p in parts)  # type: ignore[return-value]


def _dated_application(clauses: list[Clause], rule: Rule) -> list[Finding]:
    """Flag what reaches back before the document's effective date: conduct or benefits from an
    earlier date brought under its rules, or an effective date before its own adoption or issue.

    Silent when the effective date is not written as a date.
    """
    effective = None
    for clause in clauses:
        trigger = EFFECTIVE_SENTENCE_RE.search(clause.text)
        date = DATE_RE.search(trigger.group()) if trigger else None
        if trigger is not None and date is not None:
            effective, effective_clause, effective_trigger = _date(date), clause, trigger.group()
            break
    if effective is None:
        return []
    findings = []
    for clause in clauses:
        adopted = ADOPTED_RE.search(clause.text)
        if adopted is None or "《" in adopted.group() or "《" in clause.text[adopted.end() :][:2]:
            continue
        if _date(adopted) > effective:
            note = f"施行日期早于文件通过或印发的日期（{adopted.group()}）。{rule.explanation}"
            findings.append(_finding(rule, effective_clause, effective_trigger, note))
            break
    for clause in clauses:
        for date in DATE_RE.finditer(clause.text):
            match = DATED_APPLICATION_RE.match(clause.text, date.start())
            if match is None or _date(date) >= effective:
                continue
            left, right = _subclause(clause.text, match.start(), match.end())
            if rule.exception is not None and rule.exception.search(clause.text[left:right]):
                continue
            findings.append(_finding(rule, clause, match.group()))
            break
    return findings


def _document_validity(text: str) -> re.Match[str] | None:
    """Return the first validity period in a sentence that is the document's own."""
    for match in VALIDITY_RE.finditer(text):
        part = text[max(text.rfind("，", 0, match.start()) + 1, match.start() - 12) : match.start()]
        if OTHER_VALIDITY_RE.search(part) and not DOCUMENT_SELF_RE.search(part):
            continue
        return match
    return None


def _validity_years(match: re.Match[str], text: str, effective_year: int | None) -> float | None:
    """Return the length in years of a matched validity period, if it can be told."""
    if match["n"]:
        years = float(match["n"]) if match["n"][0].isdigit() else float(cn_to_int(match["n"]))
        return years / 12 if match["unit"] == "个月" else years
    if match["n2"]:
        return float(cn_to_int(match["n2"]))
    end = match["y"] or match["y2"] or match["y3"]
    start_year = effective_year or _first_year(text, match.start())
    return float(cn_to_int(end) - start_year) if end and start_year else None


def _first_year(text: str, before: int) -> int | None:
    """Return the first four-digit year written before a position."""
    match = YEAR_RE.search(text, 0, before)
    return cn_to_int(match.group(1)) if match else None


def prereview(
    text: str,
    *,
    doc_type: str = "normative",
    higher: LawDocument | str | Sequence[LawDocument | str] | None = None,
    ruleset: RuleSet | None = None,
    registry: LawRegistry | None = None,
    model: Model | Literal["default"] | None = "default",
) -> list[Finding]:
    """Return the findings for a document, in source order; `higher` enables the conflict check.

    `model` adds the learned second opinion (`learned.py`) on clauses the rules leave unflagged
    for a category; None turns it off.
    """
    if doc_type not in DOC_TYPES:
        raise ValueError(f"doc_type must be one of {DOC_TYPES}, not {doc_type!r}")
    ruleset = ruleset or default_ruleset()
    registry = registry or default_registry()
    doc = parse_text(normalize(text))
    clauses = split_clauses(doc)
    findings: list[Finding] = []
    higher_list: list[HigherArticle] = higher_articles(higher) if higher is not None else []
    for rule in ruleset.rules:
        if not rule.applies_to(doc_type):
            continue
        if rule.check == "repealed_citation":
            findings.extend(_repealed_citations(clauses, rule, registry))
        elif rule.check == "validity":
            findings.extend(_validity(clauses, rule, doc))
        elif rule.check == "dated_application":
            findings.extend(_dated_application(clauses, rule))
        elif rule.check == "conflict":
            for clause, trigger, note in find_conflicts(clauses, higher_list, rule.parameters):
                findings.append(_finding(rule, clause, trigger, f"{note}。{rule.explanation}"))
        elif rule.pattern is not None:
            for clause in clauses:
                found = _keyword_findings(clause, rule, ruleset)
                if found is not None:
                    findings.append(found)
    model = default_model() if model == "default" else model
    if model is not None and doc_type in MODEL_DOC_TYPES:
        findings.extend(_model_findings(clauses, findings, model, ruleset, doc_type))
    return _dedupe(findings)


def prohibits(text: str, ruleset: RuleSet) -> bool:
    """Say whether a clause ends under a prohibition (不得…, with no new statement after it)."""
    if ruleset.prohibition is None:
        return False
    ends = [m.end() for m in ruleset.prohibition.finditer(text)]
    if not ends:
        return False
    rest = text[ends[-1] :]
    return ruleset.negation_break is None or not ruleset.negation_break.search(rest)


def first_rules(ruleset: RuleSet) -> dict[str, Rule]:
    """Return each category's first rule: its document types and exceptions bound the model."""
    first: dict[str, Rule] = {}
    for rule in ruleset.rules:
        first.setdefault(rule.category, rule)
    return first


def excused(text: str, rule: Rule) -> bool:
    """Say whether one of a rule's exceptions (a cited law, 按原规定, 章程…) matches a clause."""
    return rule.exception is not None and rule.exception.search(text) is not None


def _model_findings(
    clauses: list[Clause], findings: list[Finding], model: Model, ruleset: RuleSet, doc_type: str
) -> list[Finding]:
    """Flag clauses the model places in a category the rules did not find on them.

    A category's model leaves out the document types and the clauses that its first rule's
    exceptions leave out, short clauses and clauses under a prohibition; its finding carries
    that rule's explanation and basis under the rule id `model:<category>`.
    """
    first = first_rules(ruleset)
    skip = {c for c, rule in first.items() if not rule.applies_to(doc_type)}
    found: dict[int, set[str]] = {}
    for finding in findings:
        found.setdefault(finding.start, set()).add(finding.category)
    out = []
    for clause in clauses:
        if len(clause.text) < MIN_CLAUSE_CHARS or prohibits(clause.text, ruleset):
            continue
        done = skip | found.get(clause.start, set())
        for category, probability, trigger in model.flags(clause.text, done):
            rule = first[category]
            if excused(clause.text, rule):
                continue
            note = f"（模型提示，置信度{probability:.2f}，请人工核实）{rule.explanation}"
            out.append(
                Finding(
                    category=category,
                    rule=f"model:{category}",
                    article=clause.article,
                    clause=clause.text,
                    start=clause.start,
                    end=clause.end,
                    trigger=trigger,
                    explanation=note,
                    basis=rule.basis,
                )
            )
    return out


def _dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """Keep one finding per category and clause, in source order."""
    seen: set[tuple[str, int]] = set()
    out = []
    for finding in sorted(findings, key=lambda f: (f.start, f.category)):
        key = (finding.category, finding.start)
        if key not in seen:
            seen.add(key)
            out.append(finding)
    return out
