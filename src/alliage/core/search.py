"""One full-text search for every searched list: accent- and case-insensitive, served by an index
on both databases, kept up to date by the database itself.

Each searched model declares a :class:`SearchIndex` (its title and body columns, and which of
them are indexed only when public) and registers it under ``hooks.SEARCH_INDEXES``.

- **PostgreSQL**: a ``search_vector`` ``tsvector`` column (not a model field: Django never reads
  it), weighted title A / body B in the ``alliage_french`` configuration (French stemming after
  ``unaccent``, made by ``core`` migration 0004), filled by a ``BEFORE INSERT OR UPDATE`` trigger
  and served by a GIN index. A query is a ``to_tsquery`` in the same configuration, so the index
  serves it. A trigger rather than a generated column: a generated column would forbid later
  migrations to change the type of the columns it reads.
- **SQLite**: an FTS5 table ``<table>_fts`` (``unicode61 remove_diacritics 2``) whose rowid is
  the row's id, filled by triggers, queried with ``MATCH`` (every word quoted, so the user's
  text is never FTS syntax).

A search first asks the index for at most ``FEW_MATCHES`` ids: a rare word's rows are then
fetched by id; a common word filters the list itself, which its own order serves (walking it
stops once the page is full). Neither grows with the table (``bench/search.py``).

Tags come from the many-to-many table, whose own triggers refresh the owner. Django rebuilds a
SQLite table (dropping its triggers) when a migration alters it, so ``search_indexes_ensure``
runs after every ``migrate``: whatever trigger is missing or differs from the declaration is
created again and that index rebuilt. ``alliage search_rebuild`` rebuilds them all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import connection, connections
from django.db.models import BooleanField, Expression, FloatField, Model, QuerySet

from . import hooks

MAX_QUERY = 200
MAX_WORDS = 8
FEW_MATCHES = 500
CONFIG = "alliage_french"
VECTOR = "search_vector"
WORD = re.compile(r"[^\W_]+")  # letters and digits
PUBLIC = "public"


@dataclass(frozen=True)
class Text:
    """A text column of the row; with ``shown_if`` (a column, a value), indexed only while that
    column holds that value (a person's field public to everyone)."""

    column: str
    shown_if: tuple[str, str] | None = None


@dataclass(frozen=True)
class Tags:
    """The names of the row's tags (a many-to-many field to a model with a ``name``)."""

    field: str
    shown_if: tuple[str, str] | None = None


Part = Text | Tags


@dataclass(frozen=True)
class SearchIndex:
    """What a model's search looks through: ``title`` weighs more than ``body`` in the
    ranking; both are matched alike."""

    model: str  # "app_label.Model"
    title: tuple[Part, ...]
    body: tuple[Part, ...]

    @property
    def model_class(self) -> type[Model]:
        return apps.get_model(self.model)

    @property
    def table(self) -> str:
        return self.model_class._meta.db_table

    @property
    def fts(self) -> str:
        return f"{self.table}_fts"

    @property
    def pk(self) -> str:
        return self.model_class._meta.pk.column

    def tags(self) -> list[tuple[Tags, str, str, str, str]]:
        """Each tag part with its many-to-many table, owner and tag columns and tag table."""
        out = []
        for part in (*self.title, *self.body):
            if isinstance(part, Tags):
                field = self.model_class._meta.get_field(part.field)
                through = field.remote_field.through._meta
                owner = field.m2m_column_name()
                tag = field.m2m_reverse_name()
                out.append((part, through.db_table, owner, tag, field.related_model._meta.db_table))
        return out

    def watched(self) -> list[str]:
        """The columns whose change must refresh the index."""
        cols: list[str] = []
        for part in (*self.title, *self.body):
            if isinstance(part, Text):
                cols.append(part.column)
            if part.shown_if:
                cols.append(part.shown_if[0])
        return list(dict.fromkeys(cols))


# --- The documents, as SQL over one row --------------------------------------------------


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _literal(value: str) -> str:
    if not re.fullmatch(r"\w+", value):
        raise ValueError(f"Not a plain value: {value!r}")
    return f"'{value}'"


def _part_sql(index: SearchIndex, part: Part, row: str, vendor: str) -> str:
    if isinstance(part, Text):
        sql = f"COALESCE({row}.{_q(part.column)}, '')"
    else:
        _, through, owner, tag, tag_table = next(t for t in index.tags() if t[0] == part)
        agg = "string_agg(t.name, ' ')" if vendor == "postgresql" else "group_concat(t.name, ' ')"
        sql = (
            f"COALESCE((SELECT {agg} FROM {_q(tag_table)} t JOIN {_q(through)} x "
            f"ON x.{_q(tag)} = t.id WHERE x.{_q(owner)} = {row}.{_q(index.pk)}), '')"
        )
    if part.shown_if:
        column, value = part.shown_if
        sql = f"CASE WHEN {row}.{_q(column)} = {_literal(value)} THEN {sql} ELSE '' END"
    return sql


def _document(index: SearchIndex, parts: Sequence[Part], row: str, vendor: str) -> str:
    if not parts:
        return "''"
    return " || ' ' || ".join(_part_sql(index, p, row, vendor) for p in parts)


def _vector_sql(index: SearchIndex, row: str) -> str:
    title = _document(index, index.title, row, "postgresql")
    body = _document(index, index.body, row, "postgresql")
    return (
        f"setweight(to_tsvector('{CONFIG}', {title}), 'A') || "
        f"setweight(to_tsvector('{CONFIG}', {body}), 'B')"
    )


# --- Installing, checking and rebuilding ---------------------------------------------------


def _pg_statements(index: SearchIndex) -> list[str]:
    t, fn = index.table, f"{index.table}_search"
    watched = ", ".join(_q(c) for c in [*index.watched(), VECTOR])
    stmts = [
        f"ALTER TABLE {_q(t)} ADD COLUMN IF NOT EXISTS {VECTOR} tsvector",
        # No pending list (fastupdate): until a vacuum, every search would read it whole.
        f"CREATE INDEX IF NOT EXISTS {_q(t + '_search_vector')} ON {_q(t)} USING gin ({VECTOR}) "
        "WITH (fastupdate = off)",
        f"ALTER INDEX {_q(t + '_search_vector')} SET (fastupdate = off)",
        f"CREATE OR REPLACE FUNCTION {_q(fn)}() RETURNS trigger LANGUAGE plpgsql AS $$"
        f"{_pg_body(index)}$$",
        f"DROP TRIGGER IF EXISTS {_q(fn)} ON {_q(t)}",
        f"CREATE TRIGGER {_q(fn)} BEFORE INSERT OR UPDATE OF {watched} ON {_q(t)} "
        f"FOR EACH ROW EXECUTE FUNCTION {_q(fn)}()",
    ]
    for _, through, owner, _, _ in index.tags():
        tfn = f"{through}_search"
        stmts += [
            f"CREATE OR REPLACE FUNCTION {_q(tfn)}() RETURNS trigger LANGUAGE plpgsql AS $$"
            f"{_pg_tags_body(index, owner)}$$",
            f"DROP TRIGGER IF EXISTS {_q(tfn)} ON {_q(through)}",
            f"CREATE TRIGGER {_q(tfn)} AFTER INSERT OR DELETE OR UPDATE ON {_q(through)} "
            f"FOR EACH ROW EXECUTE FUNCTION {_q(tfn)}()",
        ]
    return stmts


def _pg_body(index: SearchIndex) -> str:
    return f" BEGIN NEW.{VECTOR} := {_vector_sql(index, 'NEW')}; RETURN NEW; END "


def _pg_tags_body(index: SearchIndex, owner: str) -> str:
    # Setting the vector fires the owner's own trigger, which recomputes it with the tags.
    t, pk = _q(index.table), _q(index.pk)
    return (
        f" BEGIN IF TG_OP <> 'INSERT' THEN UPDATE {t} SET {VECTOR} = NULL WHERE {pk} = "
        f"OLD.{_q(owner)}; END IF; IF TG_OP <> 'DELETE' THEN UPDATE {t} SET {VECTOR} = NULL "
        f"WHERE {pk} = NEW.{_q(owner)}; END IF; RETURN NULL; END "
    )


def _sqlite_refresh(index: SearchIndex, key: str) -> str:
    """Statements that put row ``key`` (an SQL expression of its id) in the FTS table again."""
    title = _document(index, index.title, "r", "sqlite")
    body = _document(index, index.body, "r", "sqlite")
    return (
        f"DELETE FROM {_q(index.fts)} WHERE rowid = {key}; "
        f"INSERT INTO {_q(index.fts)}(rowid, title, body) SELECT r.{_q(index.pk)}, {title}, "
        f"{body} FROM {_q(index.table)} r WHERE r.{_q(index.pk)} = {key};"
    )


def _sqlite_triggers(index: SearchIndex) -> dict[str, str]:
    """Trigger name → its CREATE statement."""
    t, fts, pk = index.table, index.fts, _q(index.pk)
    watched = ", ".join(_q(c) for c in index.watched())
    triggers = {
        f"{t}_fts_insert": f"AFTER INSERT ON {_q(t)} BEGIN "
        f"{_sqlite_refresh(index, f'NEW.{pk}')} END",
        f"{t}_fts_update": f"AFTER UPDATE OF {watched} ON {_q(t)} BEGIN "
        f"{_sqlite_refresh(index, f'NEW.{pk}')} END",
        f"{t}_fts_delete": f"AFTER DELETE ON {_q(t)} BEGIN "
        f"DELETE FROM {_q(fts)} WHERE rowid = OLD.{pk}; END",
    }
    for _, through, owner, _, _ in index.tags():
        o = _q(owner)
        triggers[f"{through}_fts_insert"] = (
            f"AFTER INSERT ON {_q(through)} BEGIN {_sqlite_refresh(index, f'NEW.{o}')} END"
        )
        triggers[f"{through}_fts_delete"] = (
            f"AFTER DELETE ON {_q(through)} BEGIN {_sqlite_refresh(index, f'OLD.{o}')} END"
        )
    return {name: f"CREATE TRIGGER {_q(name)} {body}" for name, body in triggers.items()}


def search_index_install(index: SearchIndex, *, using: str = "default") -> None:
    """Create (or replace) the index's column or FTS table and its triggers, then fill it."""
    conn = connections[using]
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            # Rows written earlier in this transaction hold deferred constraint checks, with
            # which PostgreSQL refuses to alter their table: run those checks now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for sql in _pg_statements(index):
                cursor.execute(sql)
        elif conn.vendor == "sqlite":
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {_q(index.fts)} USING fts5(title, body, "
                "tokenize = 'unicode61 remove_diacritics 2')"
            )
            for name, sql in _sqlite_triggers(index).items():
                cursor.execute(f"DROP TRIGGER IF EXISTS {_q(name)}")
                cursor.execute(sql)
        else:
            return
    search_index_rebuild(index, using=using)
    if conn.vendor == "postgresql":
        with conn.cursor() as cursor:
            cursor.execute(
                "SELECT gin_clean_pending_list(%s::regclass)", [f"{index.table}_search_vector"]
            )


def search_index_uninstall(index: SearchIndex, *, using: str = "default") -> None:
    conn = connections[using]
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            for _, through, _, _, _ in index.tags():
                cursor.execute(f"DROP TRIGGER IF EXISTS {_q(through + '_search')} ON {_q(through)}")
                cursor.execute(f"DROP FUNCTION IF EXISTS {_q(through + '_search')}()")
            # the row trigger goes with its function, before the column it writes
            cursor.execute(f"DROP FUNCTION IF EXISTS {_q(index.table + '_search')}() CASCADE")
            cursor.execute(f"ALTER TABLE {_q(index.table)} DROP COLUMN IF EXISTS {VECTOR}")
        elif conn.vendor == "sqlite":
            for name in _sqlite_triggers(index):
                cursor.execute(f"DROP TRIGGER IF EXISTS {_q(name)}")
            cursor.execute(f"DROP TABLE IF EXISTS {_q(index.fts)}")


def search_index_rebuild(index: SearchIndex, *, using: str = "default") -> None:
    """Compute the index again for every row (after a bulk load that skipped nothing: the
    triggers see every write, so this is for repairs and changes of the declaration)."""
    conn = connections[using]
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            # The trigger fires on the vector's column and computes it.
            cursor.execute(f"UPDATE {_q(index.table)} SET {VECTOR} = NULL")
        elif conn.vendor == "sqlite":
            title = _document(index, index.title, "r", "sqlite")
            body = _document(index, index.body, "r", "sqlite")
            cursor.execute(f"DELETE FROM {_q(index.fts)}")
            cursor.execute(
                f"INSERT INTO {_q(index.fts)}(rowid, title, body) SELECT r.{_q(index.pk)}, "
                f"{title}, {body} FROM {_q(index.table)} r"
            )


def _installed(index: SearchIndex, using: str) -> bool:
    """Whether the database holds this index exactly as declared."""
    conn = connections[using]
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            expected = {f"{index.table}_search": _pg_body(index)}
            for _, through, owner, _, _ in index.tags():
                expected[f"{through}_search"] = _pg_tags_body(index, owner)
            cursor.execute(
                "SELECT p.proname, p.prosrc FROM pg_proc p JOIN pg_trigger g ON g.tgfoid = p.oid "
                "WHERE p.proname = ANY(%s)",
                [list(expected)],
            )
            found = dict(cursor.fetchall())
            cursor.execute(
                "SELECT 1 FROM information_schema.columns WHERE table_name = %s "
                "AND column_name = %s",
                [index.table, VECTOR],
            )
            return found == expected and cursor.fetchone() is not None
        expected = _sqlite_triggers(index)
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
            f"({', '.join(['%s'] * len(expected))})",
            list(expected),
        )
        found = dict(cursor.fetchall())
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [index.fts])
        return found == expected and cursor.fetchone() is not None


def search_indexes() -> list[SearchIndex]:
    return list(hooks.get_hooks(hooks.SEARCH_INDEXES))


def search_indexes_ensure(*, using: str = "default") -> list[SearchIndex]:
    """Install again every registered index that is missing or differs from its declaration
    (a SQLite table rebuilt by a migration loses its triggers); the ones installed."""
    conn = connections[using]
    if conn.vendor not in ("postgresql", "sqlite"):
        return []
    tables = set(conn.introspection.table_names())
    fixed = []
    for index in search_indexes():
        if index.table in tables and not _installed(index, using):
            search_index_install(index, using=using)
            fixed.append(index)
    return fixed


def search_indexes_purge(*, using: str = "default") -> None:
    """Rewrite SQLite's FTS tables without what was deleted from them: FTS5 only marks a
    deleted or changed row, its words stay in the old segments until a merge, so an erasure
    runs this (PostgreSQL keeps the vector in the row itself)."""
    conn = connections[using]
    if conn.vendor != "sqlite":
        return
    tables = set(conn.introspection.table_names())
    with conn.cursor() as cursor:
        for index in search_indexes():
            if index.fts in tables:
                cursor.execute(f"INSERT INTO {_q(index.fts)}({_q(index.fts)}) VALUES ('optimize')")


# --- Querying -------------------------------------------------------------------------------


def search_words(q: str) -> list[str]:
    """The words of a query, at most ``MAX_WORDS``: runs of letters and digits only, so that
    nothing the user types is read as query syntax by either database."""
    return WORD.findall(q[:MAX_QUERY])[:MAX_WORDS]


def _match_sql(vendor: str, words: list[str]) -> str:
    if vendor == "postgresql":
        # Every word, stemmed and unaccented by the configuration. No prefix (``:*``): the
        # planner cannot estimate how many rows a prefix matches, and with a guess too high it
        # walks the whole list in its order, filtering, instead of asking the GIN index.
        return " & ".join(words)
    # Every word quoted, so never FTS5 syntax, and a prefix: FTS5 does not stem, and a prefix
    # finds the plurals and what LIKE found at word starts. Its cost is merging the lists of
    # the words it starts (bench/search.py).
    return " ".join(f'"{w}"*' if len(w) > 2 else f'"{w}"' for w in words)


class _SearchSQL(Expression):
    """SQL over the row of the queryset's own table, whatever alias it has (a queryset used as
    a subquery is relabelled)."""

    def __init__(
        self, index: SearchIndex, words: list[str], *, rank: bool = False, dense: bool = False
    ) -> None:
        super().__init__(output_field=FloatField() if rank else BooleanField())
        self.index, self.words, self.rank, self.dense = index, words, rank, dense

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        alias = compiler.quote_name_unless_alias(compiler.query.base_table)
        pk = f"{alias}.{connection.ops.quote_name(self.index.pk)}"
        match = _match_sql(connection.vendor, self.words)
        fts = connection.ops.quote_name(self.index.fts)
        if connection.vendor == "postgresql":
            query = f"to_tsquery('{CONFIG}', %s)"
            if self.rank:
                return f"ts_rank({alias}.{VECTOR}, {query})", [match]
            return f"{alias}.{VECTOR} @@ {query}", [match]
        if self.rank:
            # bm25 is lower for better matches; a title word weighs as in PostgreSQL's A/B.
            return (
                f"-(SELECT bm25({fts}, 2.5, 1.0) FROM {fts} WHERE {fts} MATCH %s AND rowid = {pk})",
                [match],
            )
        # Many matches: SQLite would read them all and sort them; ``+`` lets it walk the list
        # in its own order instead, testing each row against the matches, until the page is
        # full.
        plus = "+" if self.dense else ""
        return f"{plus}{pk} IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)", [match]

    def get_group_by_cols(self) -> list[Any]:
        return []


def _first_matches(index: SearchIndex, words: list[str], limit: int) -> list[int]:
    if connection.vendor == "sqlite":
        # Straight from the FTS table, which stops at the limit.
        fts = _q(index.fts)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s LIMIT %s",
                [_match_sql("sqlite", words), limit],
            )
            return [row[0] for row in cursor.fetchall()]
    matches = index.model_class._default_manager.filter(_SearchSQL(index, words))
    return list(matches.values_list("pk", flat=True)[:limit])


def text_search(
    queryset: QuerySet[Any], q: str, *, index: SearchIndex, ranked: bool = False
) -> QuerySet[Any]:
    """Rows of ``queryset`` (of ``index``'s model) holding every word of ``q``, whatever the
    accents and the case; ``ranked`` annotates ``search_rank`` (higher is better) and orders by
    it. A query without a word filters nothing."""
    words = search_words(q)
    if not words:
        return queryset
    if connection.vendor not in ("postgresql", "sqlite"):
        raise NotImplementedError(connection.vendor)
    # A first look (one query, bounded) tells a query with few matches, which are then fetched
    # by id whatever the planner guesses, from a common one, which the list's own order serves
    # best (walking it and testing each row stops once the page is full).
    few = _first_matches(index, words, FEW_MATCHES + 1)
    if len(few) <= FEW_MATCHES:
        queryset = queryset.filter(pk__in=few)
    else:
        queryset = queryset.filter(_SearchSQL(index, words, dense=True))
    if ranked:
        queryset = queryset.annotate(search_rank=_SearchSQL(index, words, rank=True)).order_by(
            "-search_rank", "-pk"
        )
    return queryset
