"""Template filters shared by every module."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """Look a key up in a dict: {{ row.errors|get_item:field }}."""
    return mapping.get(key) if hasattr(mapping, "get") else None
