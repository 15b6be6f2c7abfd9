"""Values every page template can use."""

from django.conf import settings
from django.http import HttpRequest


def renda(request: HttpRequest) -> dict:
    """Give templates the site name and the unread notice count."""
    unread = 0
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        unread = user.notifications.filter(read_at__isnull=True).count()
    return {"site_name": settings.RENDA_SITE_NAME, "unread_notices": unread}
