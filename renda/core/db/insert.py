"""One INSERT whose statement is built once per model and database.

For the few writes that run once per request under load (a citizen's submission): building the
statement on every call, as `Model.save()` does, costs more CPU in the app than the database
spends on the row. Values are converted exactly as `save()` converts them (`pre_save`, then
`get_db_prep_save`), so `auto_now_add`, dates and foreign keys behave the same.
"""

from __future__ import annotations

from django.db import connections, router, transaction
from django.db.models import NOT_PROVIDED, Field, Model

_STATEMENTS: dict[tuple[type[Model], str], tuple[str, tuple[Field, ...]]] = {}


def _statement(model: type[Model], alias: str) -> tuple[str, tuple[Field, ...]]:
    connection = connections[alias]
    opts = model._meta
    if opts.parents or opts.auto_field is None or model.save is not Model.save:
        raise TypeError(
            f"{opts.label}: insert_one takes a model with its own auto primary key, "
            "no parent and no save() of its own"
        )
    fields = tuple(
        f for f in opts.local_concrete_fields if f is not opts.auto_field and not f.generated
    )
    for f in fields:
        if f.db_default is not NOT_PROVIDED:
            raise TypeError(f"{opts.label}.{f.name}: insert_one does not write database defaults")
    quote = connection.ops.quote_name
    sql = "{} {} ({}) VALUES ({})".format(
        connection.ops.insert_statement(),
        quote(opts.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    if connection.features.can_return_columns_from_insert:
        returning, _params = connection.ops.return_insert_columns([opts.auto_field])
        sql = f"{sql} {returning}"
    return sql, fields


def insert_one(obj: Model) -> Model:
    """INSERT `obj`, a new instance whose primary key the database assigns, and return it saved.

    The same row as `obj.save()` writes, for a model without parents, database defaults or a
    `save()` of its own; it sends no signals (use it only where none are connected). A unique
    clash raises `django.db.IntegrityError`, as `save()` would.
    """
    model = type(obj)
    alias = router.db_for_write(model, instance=obj)
    key = (model, alias)
    if key not in _STATEMENTS:
        _STATEMENTS[key] = _statement(model, alias)
    sql, fields = _STATEMENTS[key]
    connection = connections[alias]
    params = [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
    with transaction.mark_for_rollback_on_error(alias), connection.cursor() as cursor:
        cursor.execute(sql, params)
        if connection.features.can_return_columns_from_insert:
            pk = cursor.fetchone()[0]
        else:
            pk = connection.ops.last_insert_id(cursor, model._meta.db_table, obj._meta.pk.column)
    obj.pk = pk
    obj._state.adding = False
    obj._state.db = alias
    return obj
