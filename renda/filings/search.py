"""Chinese full-text search of the public database, on PostgreSQL and SQLite alike.

Text is segmented with rjieba (one user dictionary of domain words) and stored space-joined in
`Filing.segmented`. PostgreSQL keeps `to_tsvector('simple', segmented)` (and of its first 1,000
characters, to rank by) in a narrow table `filings_search` (id = filing id, GIN index on the
vector, both vectors out of line) so that a match reads ~70 bytes, not a filing row; SQLite keeps
the same words in an FTS5 table of that name (unicode61 tokenizer, rowid = filing id).
Documents are indexed with every word and sub-word (`cut_for_search`); queries are cut into
whole words, so 文件 finds 规范性文件 and 规范性文件 finds it too.
"""

import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

import rjieba
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

USER_DICT = Path(__file__).parent / "data" / "userdict.txt"
FTS_TABLE = "filings_search"
_WORD = re.compile(r"[\w\u3400-\u9fff]", re.UNICODE)
MAX_TERMS = 8
WINDOW = 1000  # matches read from the index at a time
MAX_WINDOWS = 4
MAX_COUNT = 1000  # hits counted and ranked at most (超过 1000 条)


@cache
def _segmenter() -> rjieba.Jieba:
    jieba = rjieba.Jieba()
    for line in USER_DICT.read_text(encoding="utf-8").splitlines():
        word = line.strip()
        if word and not word.startswith("#"):
            jieba.add_word(word, 100000, None)
    return jieba


def _words(tokens: list[str]) -> list[str]:
    return [t.lower() for t in tokens if t.strip() and _WORD.search(t)]


def segment(text: str) -> str:
    """Return the words of `text` (and their sub-words) joined by spaces, for the index."""
    return " ".join(_words(_segmenter().cut_for_search(text)))


def query_terms(query: str) -> list[str]:
    """Cut a search query into distinct whole words (at most MAX_TERMS)."""
    terms: list[str] = []
    for word in _words(_segmenter().cut(query[:200])):
        word = word.replace('"', "").replace("'", "")
        if word and word not in terms:
            terms.append(word)
    return terms[:MAX_TERMS]


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def index_document(pk: int, segmented: str) -> None:
    """Put a document's words in the search table (FTS5 on SQLite, tsvectors on PostgreSQL)."""
    with connection.cursor() as cursor:
        if is_postgres():
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (id, words, head) VALUES (%s, to_tsvector('simple', %s), "  # noqa: S608 (constant names; values are parameters)
                "to_tsvector('simple', left(%s, 1000))) ON CONFLICT (id) DO UPDATE "
                "SET words = EXCLUDED.words, head = EXCLUDED.head",
                [pk, segmented, segmented],
            )
            return
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [pk])  # noqa: S608 (constant names; values are parameters)
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, segmented) VALUES (%s, %s)",  # noqa: S608
            [pk, segmented],
        )


def unindex_document(pk: int) -> None:
    """Take a document out of the search table."""
    key = "id" if is_postgres() else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE {key} = %s", [pk])  # noqa: S608 (constant names; values are parameters)


class Found(NamedTuple):
    """A page of ranked ids; `total` is exact unless `more` (then it is a lower bound)."""

    ids: list[int]
    total: int
    more: bool = False


def _scope_sql(queryset: QuerySet) -> tuple[str, list]:
    sql, params = queryset.order_by().values("id").query.sql_with_params()
    return sql, list(params)


def _window(cursor, terms: list[str], before: int | None, size: int,
            scope: tuple[str, list] | None = None) -> list[tuple[int, float]]:  # fmt: skip
    """Return up to `size` (id, score) of matches with id < before, newest first.

    Without `scope` this reads the index alone; with it (a subquery of ids) only those.
    """
    bound = before if before is not None else 2**62
    scope_sql, scope_params = (f"IN ({scope[0]})", scope[1]) if scope else ("", [])
    if is_postgres():
        tsquery = " & ".join("'" + t.replace("\\", "") + "'" for t in terms)
        # Make the planner take the GIN bitmap over the narrow table rather than walk its primary
        # key and read each out-of-line vector (in atomic()). `head` is read for the top rows only.
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
        cursor.execute(
            "SELECT w.id, ts_rank(w.head, to_tsquery('simple', %s)) FROM (SELECT id, head "  # noqa: S608 (constant names; values are parameters)
            f"FROM {FTS_TABLE} WHERE words @@ to_tsquery('simple', %s) AND id < %s "
            f"{'AND id ' + scope_sql if scope else ''} ORDER BY id DESC LIMIT %s) w "
            "ORDER BY w.id DESC",
            [tsquery, tsquery, bound, *scope_params, size],
        )
        rows = cursor.fetchall()
        cursor.execute("SET LOCAL enable_seqscan = DEFAULT; SET LOCAL enable_indexscan = DEFAULT")
        return [(pk, -score) for pk, score in rows]
    fts = " ".join(f'"{t}"' for t in terms)
    cursor.execute(
        f"SELECT rowid, bm25({FTS_TABLE}) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608 (constant names; values are parameters)
        f"AND rowid < %s {'AND +rowid ' + scope_sql if scope else ''} "
        "ORDER BY rowid DESC LIMIT %s",
        [fts, bound, *scope_params, size],
    )
    return cursor.fetchall()


def search(queryset: QuerySet, query: str, *, offset: int = 0, limit: int = 20) -> Found:
    """Return a page of the documents in `queryset` matching every query word, best first.

    Ranking is bounded to MAX_COUNT candidates. The index yields matches newest first in
    windows of WINDOW; those in `queryset` are kept until MAX_COUNT are found. If MAX_WINDOWS
    windows did not fill the set (a narrow filter), the rest is read with the filter applied
    in the database. The candidates are then sorted by score (bm25 on SQLite, ts_rank over the
    stored head of the text on PostgreSQL), the newest first among equals.
    """
    terms = query_terms(query)
    if not terms:
        return Found([], 0)
    scored: list[tuple[float, int]] = []
    before, more = None, False
    with transaction.atomic(), connection.cursor() as cursor:
        for _ in range(MAX_WINDOWS):
            window = _window(cursor, terms, before, WINDOW)
            if not window:
                break
            score = dict(window)
            kept = queryset.order_by().filter(pk__in=list(score)).values_list("pk", flat=True)
            scored.extend((score[pk], -pk) for pk in kept)
            before = window[-1][0]
            more = len(window) == WINDOW
            if not more or len(scored) >= MAX_COUNT:
                break
        if more and len(scored) < MAX_COUNT:
            wanted = MAX_COUNT - len(scored) + 1
            window = _window(cursor, terms, before, wanted, _scope_sql(queryset))
            scored.extend((score, -pk) for pk, score in window)
            more = len(window) == wanted
    more = more or len(scored) > MAX_COUNT
    scored = sorted(scored)[:MAX_COUNT]
    ids = [-pk for _, pk in scored[offset : offset + limit]]
    return Found(ids, len(scored), more)


def highlight(text: str, terms: list[str], *, width: int = 120) -> SafeString:
    """Return an escaped excerpt of `text` around the first match, matches wrapped in <mark>."""
    lowered = text.lower()
    positions = [lowered.find(t) for t in terms if t and lowered.find(t) >= 0]
    start = max(0, min(positions) - width // 3) if positions else 0
    excerpt = text[start : start + width]
    pattern = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True) if t)
    parts = re.split(f"({pattern})", excerpt, flags=re.IGNORECASE) if pattern else [excerpt]
    html = "".join(
        f"<mark>{escape(part)}</mark>" if i % 2 else escape(part) for i, part in enumerate(parts)
    )
    prefix = "…" if start else ""
    suffix = "…" if start + width < len(text) else ""
    return mark_safe(prefix + html + suffix)  # every piece above is escaped  # noqa: S308
