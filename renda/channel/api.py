"""REST endpoints of the channel, mounted at /api/v1/channel/.

Citizens need no token to submit or to track (the tracking code and its secret are the key);
deputies, the office and units use their token for the inbox and the actions.
"""

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema
from ninja.responses import Status

from renda.channel import rules, selectors, services
from renda.channel.models import STATE_LABELS, Message
from renda.channel.workflow import OPEN_STATES, Action, Side
from renda.core.api import AUTH
from renda.core.http import client_ip
from renda.core.ratelimit import hit
from renda.directory.models import Organization

router = Router(tags=["channel"])
WINDOW = 600
NOT_FOUND = {"detail": "查询码或密码不正确。"}


class MessageIn(Schema):
    recipient: str
    kind: str
    content: str
    name: str = ""
    phone: str = ""
    consent_publish: bool = False
    idempotency_key: str | None = None


class SubmitOut(Schema):
    tracking_code: str
    secret: str
    status: str
    status_label: str
    due_on: date


class Step(Schema):
    at: datetime
    summary: str


class TrackOut(Schema):
    tracking_code: str
    kind: str
    status: str
    status_label: str
    due_on: date
    reply: str
    rating: str
    timeline: list[Step]


class Errors(Schema):
    errors: dict[str, str]


class Detail(Schema):
    detail: str


class RatingIn(Schema):
    secret: str
    rating: str
    comment: str = ""


class InboxItem(Schema):
    id: int
    tracking_code: str
    kind: str
    status: str
    recipient: str
    due_on: date
    overdue: bool


class ActionIn(Schema):
    side: str
    text: str = ""
    note: str = ""
    reason: str = ""
    unit_id: int | None = None
    working_days: int | None = None
    into: str = ""


def _errors(exc: ValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        return {"errors": {f: "；".join(m) for f, m in exc.message_dict.items()}}
    return {"errors": {"__all__": "；".join(exc.messages)}}


def _track(message: Message) -> dict:
    return {
        "tracking_code": message.tracking_code,
        "kind": message.kind,
        "status": message.state,
        "status_label": str(STATE_LABELS[message.state]),
        "due_on": message.due_on,
        "reply": message.reply,
        "rating": message.rating,
        "timeline": [
            {"at": s.at, "summary": s.summary} for s in selectors.steps(message, public_only=True)
        ],
    }


@router.post(
    "/messages",
    response={201: SubmitOut, 200: SubmitOut, 422: Errors, 429: Detail},
    summary="群众提交留言（无需令牌）",
)
def submit(request: HttpRequest, payload: MessageIn):
    limit = settings.RENDA_CHANNEL_ADDRESS_LIMIT
    if not hit(f"channel:address:{client_ip(request)}", limit=limit, window=WINDOW).allowed:
        return Status(429, {"detail": "提交太频繁，请稍后再试。"})
    try:
        message, created = services.message_submit(
            recipient_code=payload.recipient, kind=payload.kind, content=payload.content,
            name=payload.name, phone=payload.phone, consent_publish=payload.consent_publish,
            idempotency_key=payload.idempotency_key,
        )  # fmt: skip
    except ValidationError as exc:
        return Status(422, _errors(exc))
    body = {
        "tracking_code": message.tracking_code,
        "secret": services.tracking_secret(message.tracking_code),
        "status": message.state,
        "status_label": str(STATE_LABELS[message.state]),
        "due_on": message.due_on.isoformat(),
    }
    # Written directly: validating our own five fields against SubmitOut cost 6 % of a
    # submission's CPU (benchmarks/channel_submit.py); a test holds the body to the schema.
    return JsonResponse(body, status=201 if created else 200)


@router.get(
    "/messages/{tracking_code}",
    response={200: TrackOut, 404: Detail, 429: Detail},
    summary="凭查询码和密码查看进度（无需令牌）",
)
def track(request: HttpRequest, tracking_code: str, secret: str = ""):
    if not hit(f"channel:track:{client_ip(request)}", limit=60, window=WINDOW).allowed:
        return Status(429, {"detail": "查询太频繁，请稍后再试。"})
    message = services.find_by_secret(tracking_code, secret)
    if message is None:
        return Status(404, NOT_FOUND)
    return _track(message)


@router.post(
    "/messages/{tracking_code}/rating",
    response={200: TrackOut, 404: Detail, 422: Errors},
    summary="群众评价办理结果",
)
def rate(request: HttpRequest, tracking_code: str, payload: RatingIn):
    message = services.find_by_secret(tracking_code, payload.secret)
    if message is None:
        return Status(404, NOT_FOUND)
    try:
        message = services.message_rate(
            message=message, rating=payload.rating, comment=payload.comment
        )
    except ValidationError as exc:
        return Status(422, _errors(exc))
    return _track(message)


@router.get(
    "/inbox", response=list[InboxItem], auth=AUTH, summary="我经手的留言（代表、办公室、承办单位）"
)
def inbox(request: HttpRequest, open_only: bool = True, limit: int = 50, offset: int = 0):
    messages = selectors.visible_to(request.user)
    if open_only:
        messages = messages.filter(state__in=list(OPEN_STATES))
    today = timezone.localdate()
    page = messages.order_by("due_on", "id")[offset : offset + max(1, min(limit, 200))]
    return [
        {
            "id": m.id, "tracking_code": m.tracking_code, "kind": m.kind, "status": m.state,
            "recipient": m.recipient.name, "due_on": m.due_on,
            "overdue": m.is_open and m.due_on < today,
        }
        for m in page
    ]  # fmt: skip


@router.post(
    "/inbox/{message_id}/{action}",
    response={200: TrackOut, 403: Detail, 422: Errors},
    auth=AUTH,
    summary="办理留言：reply/handle/forward/merge/assign/accept/return",
)
def act(request: HttpRequest, message_id: int, action: str, payload: ActionIn):
    message = get_object_or_404(Message, pk=message_id)
    try:
        side, verb = Side(payload.side), Action(action)
    except ValueError:
        return Status(422, {"errors": {"action": "未知的操作。"}})
    if side not in services.sides_of(request.user, message):
        return Status(403, {"detail": "您不能处理这条留言。"})
    user = request.user
    try:
        if verb is Action.REPLY:
            message = services.message_reply(
                message=message, text=payload.text, actor=user, side=side
            )
        elif verb is Action.HANDLE:
            message = services.message_handle(message=message, actor=user, note=payload.note)
        elif verb is Action.FORWARD:
            message = services.message_forward(message=message, actor=user, note=payload.note)
        elif verb is Action.MERGE:
            into = get_object_or_404(Message, tracking_code=rules.normalize_code(payload.into))
            message = services.message_merge(message=message, into=into, actor=user)
        elif verb is Action.ASSIGN:
            unit = get_object_or_404(Organization, pk=payload.unit_id)
            message = services.message_assign(
                message=message, unit=unit, actor=user, working_days=payload.working_days
            )
        elif verb is Action.ACCEPT:
            message = services.message_accept(message=message, actor=user)
        elif verb is Action.RETURN:
            message = services.message_return(message=message, actor=user, reason=payload.reason)
        else:
            return Status(422, {"errors": {"action": "这项操作不能通过接口进行。"}})
    except ValidationError as exc:
        return Status(422, _errors(exc))
    return _track(message)
