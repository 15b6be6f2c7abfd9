"""REST endpoints of the core: who am I, the congress tree, my notices."""

from datetime import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.security import HttpBearer, django_auth

from renda.core import accounts, notices
from renda.core.models import Congress, Membership


class BearerToken(HttpBearer):
    """Authenticate `Authorization: Bearer rd_…` against the stored token hashes."""

    def authenticate(self, request: HttpRequest, token: str):
        user = accounts.token_authenticate(token)
        if user is not None:
            request.user = user
        return user


# Endpoints that need a person accept a token or a signed-in browser session.
AUTH = [BearerToken(), django_auth]

router = Router(tags=["core"])


class MembershipOut(Schema):
    congress_code: str
    congress_name: str
    role: str
    role_label: str
    office: str


class MeOut(Schema):
    username: str
    full_name: str
    memberships: list[MembershipOut]


class CongressOut(Schema):
    code: str
    name: str
    short_name: str
    level: int
    parent_code: str | None


class NotificationOut(Schema):
    id: int
    created_at: datetime
    kind: str
    title: str
    body: str
    url: str
    read: bool


@router.get("/me", response=MeOut, auth=AUTH, summary="当前账号及其角色")
def me(request: HttpRequest):
    memberships = Membership.objects.filter(user=request.user).select_related("congress")
    return {
        "username": request.user.username,
        "full_name": request.user.full_name,
        "memberships": [
            {
                "congress_code": m.congress.code,
                "congress_name": m.congress.name,
                "role": m.role,
                "role_label": str(m.get_role_display()),
                "office": m.office,
            }
            for m in memberships
        ],
    }


@router.get("/congresses", response=list[CongressOut], summary="人大名录（树）")
def congresses(request: HttpRequest):
    return [
        {
            "code": c.code,
            "name": c.name,
            "short_name": c.short_name,
            "level": c.level,
            "parent_code": c.parent.code if c.parent_id else None,
        }
        for c in Congress.objects.filter(is_active=True).select_related("parent")
    ]


@router.get("/notifications", response=list[NotificationOut], auth=AUTH, summary="我的站内通知")
def notification_list(request: HttpRequest, unread: bool = False, limit: int = 50):
    items = notices.inbox_for(request.user, unread_only=unread)[: max(1, min(limit, 200))]
    return [
        {
            "id": n.id,
            "created_at": n.created_at,
            "kind": n.kind,
            "title": n.title,
            "body": n.body,
            "url": n.url,
            "read": n.read_at is not None,
        }
        for n in items
    ]


@router.post("/notifications/{notification_id}/read", auth=AUTH, summary="标记通知已读")
def notification_read(request: HttpRequest, notification_id: int):
    get_object_or_404(request.user.notifications, pk=notification_id)
    notices.mark_read(request.user, [notification_id])
    return {"ok": True}
