"""`renda check` warnings about the deployment: database locale, holiday calendar."""

from django.core.checks import Tags, Warning, register
from django.db import connection
from django.db.utils import DatabaseError
from django.utils import timezone


def postgres_ctype() -> str | None:
    """Return the database's LC_CTYPE on PostgreSQL, else None."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT datctype FROM pg_database WHERE datname = current_database()")
        return cursor.fetchone()[0]


@register(Tags.database, deploy=False)
def check_postgres_ctype(app_configs=None, databases=None, **kwargs):
    """Warn when PostgreSQL's LC_CTYPE is C: its trigram and text search see no Chinese."""
    if not databases or "default" not in databases:
        return []
    try:
        ctype = postgres_ctype()
    except DatabaseError:
        return []
    if ctype is None or ctype.upper() not in {"C", "POSIX"}:
        return []
    return [
        Warning(
            f"PostgreSQL database has LC_CTYPE={ctype}: Chinese search will not work.",
            hint="CREATE DATABASE … TEMPLATE template0 ENCODING 'UTF8' "
            "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'",
            id="renda.W001",
        )
    ]


@register(Tags.database)
def check_holiday_calendar(app_configs=None, databases=None, **kwargs):
    """Warn when this or next year's public holidays are unknown and not entered by hand."""
    if not databases or "default" not in databases:
        return []
    from renda.core.calendar import unknown_years

    try:
        missing = unknown_years(timezone.localdate())
    except DatabaseError:
        return []
    return [
        Warning(
            f"Public holidays for {year} are not known: working-day deadlines treat only "
            "weekends as rest days.",
            hint="Enter the State Council's arrangement as holiday overrides "
            "(admin: 节假日调整), or upgrade chinesecalendar.",
            id="renda.W002",
        )
        for year in missing
    ]
