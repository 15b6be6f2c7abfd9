"""Chinese full-text search of the public database, on PostgreSQL and SQLite alike.

Text is segmented with rjieba (one user dictionary of domain words) and stored space-joined in
`Filing.segmented`. PostgreSQL indexes `to_tsvector('simple', segmented)` with GIN; SQLite keeps
the same words in an FTS5 table (`filings_search`, unicode61 tokenizer, rowid = filing id).
Documents are indexed with every word and sub-word (`cut_for_search`); queries are cut into
whole words, so 文件 finds 规范性文件 and 规范性文件 finds it too.
"""

import re
from functools import cache
from pathlib import Path

import rjieba
from django.db import connection
from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

USER_DICT = Path(__file__).parent / "data" / "userdict.txt"
FTS_TABLE = "filings_search"
_WORD = re.compile(r"[\w\u3400-\u9fff]", re.UNICODE)
MAX_TERMS = 8


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
    """Put a document's words in the SQLite FTS table (PostgreSQL indexes the column itself)."""
    if is_postgres():
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [pk])  # noqa: S608 (constant names; values are parameters)
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, segmented) VALUES (%s, %s)",  # noqa: S608
            [pk, segmented],
        )


def unindex_document(pk: int) -> None:
    """Take a document out of the SQLite FTS table."""
    if not is_postgres():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [pk])  # noqa: S608 (constant names; values are parameters)


def _subquery(queryset: QuerySet) -> tuple[str, tuple]:
    sql, params = queryset.order_by().values("id").query.sql_with_params()
    return sql, tuple(params)


def search(queryset: QuerySet, query: str, *, offset: int = 0, limit: int = 20):
    """Return (ids best first, total) of documents in `queryset` matching every query word."""
    terms = query_terms(query)
    if not terms:
        return [], 0
    scope_sql, scope_params = _subquery(queryset)
    with connection.cursor() as cursor:
        if is_postgres():
            tsquery = " & ".join("'" + t.replace("\\", "") + "'" for t in terms)
            match = "to_tsvector('simple', f.segmented) @@ to_tsquery('simple', %s)"
            cursor.execute(
                f"SELECT f.id FROM filings_filing f WHERE {match} AND f.id IN ({scope_sql}) "  # noqa: S608 (constant names; values are parameters)
                "ORDER BY ts_rank(to_tsvector('simple', f.segmented), to_tsquery('simple', %s)) "
                "DESC, f.published_on DESC LIMIT %s OFFSET %s",
                [tsquery, *scope_params, tsquery, limit, offset],
            )
            ids = [row[0] for row in cursor.fetchall()]
            cursor.execute(
                f"SELECT count(*) FROM filings_filing f WHERE {match} AND f.id IN ({scope_sql})",  # noqa: S608 (constant names; values are parameters)
                [tsquery, *scope_params],
            )
        else:
            fts = " ".join(f'"{t}"' for t in terms)
            cursor.execute(
                f"SELECT s.rowid FROM {FTS_TABLE} s WHERE {FTS_TABLE} MATCH %s "  # noqa: S608 (constant names; values are parameters)
                f"AND +s.rowid IN ({scope_sql}) ORDER BY s.rank LIMIT %s OFFSET %s",
                [fts, *scope_params, limit, offset],
            )
            ids = [row[0] for row in cursor.fetchall()]
            cursor.execute(
                f"SELECT count(*) FROM {FTS_TABLE} s WHERE {FTS_TABLE} MATCH %s "  # noqa: S608 (constant names; values are parameters)
                f"AND +s.rowid IN ({scope_sql})",
                [fts, *scope_params],
            )
        total = cursor.fetchone()[0]
    return ids, total


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
