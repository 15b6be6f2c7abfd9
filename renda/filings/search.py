"""Chinese full-text search of the public database, on PostgreSQL and SQLite alike.

Text is segmented with rjieba (one user dictionary of domain words) and stored space-joined in
`Filing.segmented`. PostgreSQL keeps `to_tsvector('simple', segmented)` in a narrow table
`filings_search` (id = filing id, the vector out of line, `bucket` = {id / BUCKET}, `scope` = the
public page's filter values, one GIN index on (words, bucket, scope)) so that a match reads
~150 bytes, not a filing row, the newest matches are read bucket by bucket and a filter narrows
them in the index; the tsvector of the first 1,000 characters, to rank by, is stored
inline in `filings_search_head`. SQLite keeps the same words in an FTS5 table `filings_search`
(unicode61 tokenizer, rowid = filing id).
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
HEAD_TABLE = "filings_search_head"  # PostgreSQL: the tsvector to rank by, inline
_WORD = re.compile(r"[\w\u3400-\u9fff]", re.UNICODE)
MAX_TERMS = 8
MAX_COUNT = 1000  # hits counted and ranked at most (超过 1000 条)
WINDOW = MAX_COUNT + 1  # matches read from the index at a time: one more tells "more"
MAX_WINDOWS = 4
BUCKET = 1000  # ids per bucket of filings_search.bucket (PostgreSQL, migration 0006)
MAX_STEPS = 6  # bucket ranges read before the rest is read in one query
PLAIN_BELOW = 2000  # matches estimated below the ranges read: read them in one query


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
    """Put a document's words in the search table (FTS5 on SQLite, tsvectors on PostgreSQL).

    On PostgreSQL the filter keys (`scope`) are taken from the filing row as it is now; a
    trigger keeps them in step with it afterwards (migration 0007).
    """
    with connection.cursor() as cursor:
        if is_postgres():
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (id, words, scope) SELECT id, "  # noqa: S608 (constant names; values are parameters)
                "to_tsvector('simple', %s), filings_search_scope(is_public, body_id, "
                "published_on, validity, doc_type) FROM filings_filing WHERE id = %s "
                "ON CONFLICT (id) DO UPDATE SET words = EXCLUDED.words, scope = EXCLUDED.scope",
                [segmented, pk],
            )
            cursor.execute(
                f"INSERT INTO {HEAD_TABLE} (id, head) VALUES (%s, to_tsvector('simple', "  # noqa: S608 (constant names; values are parameters)
                "left(%s, 1000))) ON CONFLICT (id) DO UPDATE SET head = EXCLUDED.head",
                [pk, segmented],
            )
            return
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [pk])  # noqa: S608 (constant names; values are parameters)
        cursor.execute(
            f"INSERT INTO {FTS_TABLE}(rowid, segmented) VALUES (%s, %s)",  # noqa: S608
            [pk, segmented],
        )


def unindex_document(pk: int) -> None:
    """Take a document out of the search table (and, on PostgreSQL, its head)."""
    with connection.cursor() as cursor:
        if is_postgres():
            for table in (FTS_TABLE, HEAD_TABLE):
                cursor.execute(f"DELETE FROM {table} WHERE id = %s", [pk])  # noqa: S608 (constant names; values are parameters)
            return
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [pk])  # noqa: S608 (constant names; values are parameters)


class Found(NamedTuple):
    """A page of ranked ids; `total` is exact unless `more` (then it is a lower bound)."""

    ids: list[int]
    total: int
    more: bool = False


class Scope(NamedTuple):
    """Filters of the public database, applied where the index is read (None, "": any).

    On PostgreSQL they are keys of `filings_search.scope` (stored by `filings_search_scope()`,
    migration 0007) in the GIN index; on SQLite a subquery over the index
    `filing_public_filters` of `filings_filing` (the same migration), which FTS5 checks as it
    walks the matches. A scope narrows the matches read; the queryset passed to `search` stays
    the judge, so it must not hold a document the scope leaves out.
    """

    bodies: tuple[int, ...] | None = None  # any of these filing bodies
    year: int | None = None  # published that year
    validity: str = ""
    doc_type: str = ""

    def sql(self) -> tuple[str, list]:
        """Return the condition on the search table (` AND …`, or "") and its values."""
        if self == UNFILTERED:
            return "", []
        if is_postgres():
            sql, params = "", []
            if self.bodies is not None:
                sql, params = " AND scope && %s::text[]", [[f"b{pk}" for pk in self.bodies]]
            values = (("y", self.year), ("v", self.validity), ("t", self.doc_type))
            every = [f"{prefix}{value}" for prefix, value in values if value]
            if every:
                sql, params = sql + " AND scope @> %s::text[]", [*params, every]
            return sql, params
        where, params = ["is_public"], []
        if self.bodies is not None:
            where.append(f"body_id IN ({', '.join(['%s'] * len(self.bodies)) or 'NULL'})")
            params.extend(self.bodies)
        if self.year:
            where.append("published_on BETWEEN %s AND %s")
            params.extend([f"{self.year:04d}-01-01", f"{self.year:04d}-12-31"])
        for column, value in (("validity", self.validity), ("doc_type", self.doc_type)):
            if value:
                where.append(f"{column} = %s")
                params.append(value)
        index = "filings_filing INDEXED BY filing_public_filters"
        sql = f" AND +rowid IN (SELECT id FROM {index} WHERE {' AND '.join(where)})"  # noqa: S608 (constant names; values are parameters)
        return sql, params


UNFILTERED = Scope()


def _scope_sql(queryset: QuerySet) -> tuple[str, list]:
    sql, params = queryset.order_by().values("id").query.sql_with_params()
    return sql, list(params)


def _tsquery(terms: list[str]) -> str:
    return " & ".join("'" + t.replace("\\", "") + "'" for t in terms)


def _newest(cursor, tsquery: str, before: int, size: int, scope: str = "",
            scope_params: list | None = None, keys: Scope = UNFILTERED) -> list[int]:  # fmt: skip
    """Return the ids of up to `size` PostgreSQL matches with id < before, newest first.

    Unscoped, the newest ids are read a range at a time through the GIN index on (words,
    bucket): GIN walks the few buckets' postings and skips ahead in a frequent word's, so a word
    found in every document costs what its newest matches cost. The first range spans about
    `size` ids, the next what the density of matches seen so far asks for; once few matches
    are left below (PLAIN_BELOW, or none were seen), the rest is one query without buckets.
    `keys` narrows every query in the index (GIN intersects the filter's postings with the
    words'); `scope` (`IN (subquery)`) reads in one query. Call with the planner settings of
    `_planner`.
    """
    ids: list[int] = []
    top = hi = before - 1
    span = size + size // 4
    keys_sql, keys_params = keys.sql()
    match = f"SELECT id FROM {FTS_TABLE} WHERE words @@ to_tsquery('simple', %s){keys_sql} "  # noqa: S608
    for _ in range(0 if scope else MAX_STEPS):
        lo = hi - span + 1
        if lo <= 1:
            break
        buckets = list(range(lo // BUCKET, hi // BUCKET + 1))
        cursor.execute(
            match + "AND bucket && %s::integer[] AND id BETWEEN %s AND %s "
            "ORDER BY id DESC LIMIT %s",
            [tsquery, *keys_params, buckets, lo, hi, size - len(ids)],
        )
        ids.extend(pk for (pk,) in cursor.fetchall())
        hi, wanted = lo - 1, size - len(ids)
        if not wanted:
            return ids
        density = len(ids) / (top - hi)  # matches per id read so far
        if density * hi <= PLAIN_BELOW:
            break
        span = int(wanted / density * 1.25) + 1
    if hi < 1:
        return ids
    cursor.execute(
        match + f"AND id <= %s {'AND id ' + scope if scope else ''} ORDER BY id DESC LIMIT %s",
        [tsquery, *keys_params, hi, *(scope_params or []), size - len(ids)],
    )
    return ids + [pk for (pk,) in cursor.fetchall()]


def _planner(cursor, off: bool) -> None:
    """Make the planner take the GIN bitmap over the narrow table, not walk its primary key.

    A range of ids otherwise leads it to read the primary key and filter on `words`, which
    reads each out-of-line vector. SET LOCAL lasts until the transaction ends: turn it back on.
    """
    value = "off" if off else "DEFAULT"
    cursor.execute(f"SET LOCAL enable_seqscan = {value}; SET LOCAL enable_indexscan = {value}")


def _window(cursor, terms: list[str], before: int | None, size: int,
            scope: tuple[str, list] | None = None, keys: Scope = UNFILTERED,
            ) -> list[tuple[int, float]]:  # fmt: skip
    """Return up to `size` (id, score) of matches with id < before, newest first.

    Without `scope` this reads the index alone; with it (a subquery of ids) only those.
    Only the matches within `keys` are read.
    The score is bm25 on SQLite; on PostgreSQL 0 (`_rank` scores the kept candidates).
    """
    scope_sql, scope_params = (f"IN ({scope[0]})", scope[1]) if scope else ("", [])
    if is_postgres():
        if before is None:  # before the planner settings: max() walks the primary key
            cursor.execute(f"SELECT max(id) FROM {FTS_TABLE}")  # noqa: S608 (constant name)
            before = (cursor.fetchone()[0] or 0) + 1
        _planner(cursor, off=True)
        ids = _newest(cursor, _tsquery(terms), before, size, scope_sql, scope_params, keys)
        _planner(cursor, off=False)
        return [(pk, 0.0) for pk in ids]
    bound = before if before is not None else 2**62
    fts = " ".join(f'"{t}"' for t in terms)
    keys_sql, keys_params = keys.sql()
    cursor.execute(
        f"SELECT rowid, bm25({FTS_TABLE}) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608 (constant names; values are parameters)
        f"AND rowid < %s{keys_sql} {'AND +rowid ' + scope_sql if scope else ''} "
        "ORDER BY rowid DESC LIMIT %s",
        [fts, bound, *keys_params, *scope_params, size],
    )
    return cursor.fetchall()


def _in_scope(cursor, queryset: QuerySet, ids: list[int]) -> list[int]:
    """Return those of `ids` that `queryset` holds (one array parameter on PostgreSQL)."""
    if not is_postgres():
        return list(queryset.order_by().filter(pk__in=ids).values_list("pk", flat=True))
    scope, params = _scope_sql(queryset)
    cursor.execute(f"SELECT s.id FROM ({scope}) s WHERE s.id = ANY(%s)", [*params, ids])  # noqa: S608 (the queryset's SQL; values are parameters)
    return [pk for (pk,) in cursor.fetchall()]


def _rank(cursor, terms: list[str], ids: list[int]) -> dict[int, float]:
    """Score PostgreSQL candidates: ts_rank over the stored head of the text, best lowest."""
    cursor.execute(
        f"SELECT id, -ts_rank(head, to_tsquery('simple', %s)) FROM {HEAD_TABLE} "  # noqa: S608 (constant name)
        "WHERE id = ANY(%s)",
        [_tsquery(terms), ids],
    )
    return dict(cursor.fetchall())


def search(queryset: QuerySet, query: str, *, scope: Scope = UNFILTERED, offset: int = 0,
           limit: int = 20) -> Found:  # fmt: skip
    """Return a page of the documents in `queryset` matching every query word, best first.

    Ranking is bounded to the newest MAX_COUNT matches in `queryset`. The index yields matches
    newest first in windows of WINDOW; those in `queryset` are kept until more than MAX_COUNT
    are found (so the count is exact up to MAX_COUNT). If MAX_WINDOWS windows did not fill the
    set (a narrow filter), the rest is read with the filter applied in the database. The
    candidates are then sorted by score (bm25 on SQLite, ts_rank over the stored head of the
    text on PostgreSQL), the newest first among equals. `scope` (the filters `queryset`
    applies, see `Scope`) narrows the matches where the index is read, so a narrow filter with
    a common word reads the filter's matches, not every match of the word.
    """
    terms = query_terms(query)
    if not terms:
        return Found([], 0)
    kept: list[int] = []
    score: dict[int, float] = {}
    before, exhausted = None, False
    with transaction.atomic(), connection.cursor() as cursor:
        for _ in range(MAX_WINDOWS):
            window = _window(cursor, terms, before, WINDOW, keys=scope)
            score.update(window)
            kept.extend(_in_scope(cursor, queryset, [pk for pk, _ in window]) if window else [])
            if len(window) < WINDOW:
                exhausted = True
                break
            before = window[-1][0]
            if len(kept) > MAX_COUNT:
                break
        if not exhausted and len(kept) <= MAX_COUNT:
            wanted = MAX_COUNT + 1 - len(kept)
            window = _window(cursor, terms, before, wanted, _scope_sql(queryset), scope)
            score.update(window)
            kept.extend(pk for pk, _ in window)
        kept.sort(reverse=True)
        more, kept = len(kept) > MAX_COUNT, kept[:MAX_COUNT]
        if is_postgres() and kept:
            score = _rank(cursor, terms, kept)
    ranked = sorted((score.get(pk, 0.0), -pk) for pk in kept)
    ids = [-pk for _, pk in ranked[offset : offset + limit]]
    return Found(ids, len(ranked), more)


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
