"""Pages for deputies, station managers, the congress office and handling units."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.channel import forms, rules, selectors, services
from renda.channel.models import Message
from renda.channel.workflow import OPEN_STATES, Action, Side, actions_for
from renda.core import permissions
from renda.core.audit import audit_record
from renda.core.masking import mask_name, mask_phone
from renda.directory.selectors import handling_units

TABS = {
    "inbox": (_("我收到的留言"), selectors.inbox_for),
    "office": (_("待交办（快速通道）"), selectors.office_queue),
    "unit": (_("交办给本单位的"), selectors.unit_queue),
}


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """List the messages the person handles, tab by tab, overdue ones marked."""
    user = request.user
    tabs = [(key, label) for key, (label, query) in TABS.items() if query(user).exists()]
    if permissions.can(user, "channel.route") and all(key != "office" for key, _l in tabs):
        tabs.append(("office", TABS["office"][0]))
    if not tabs:
        raise PermissionDenied
    current = request.GET.get("tab") or tabs[0][0]
    if current not in dict(tabs):
        current = tabs[0][0]
    queue = TABS[current][1](user)
    state = request.GET.get("state", "open")
    if state == "open":
        queue = queue.filter(state__in=[s.value for s in OPEN_STATES])
    elif state:
        queue = queue.filter(state=state)
    if current == "office" and state == "open":
        queue = queue.filter(state__in=["forwarded", "assigned", "unit_handling"])
    page = Paginator(queue.order_by("due_on", "id"), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "channel/index.html",
        {"tabs": tabs, "current": current, "page": page, "state": state,
         "today": timezone.localdate(), "can_route": permissions.can(user, "channel.route")},
    )  # fmt: skip


def _message_for(request: HttpRequest, pk: int) -> tuple[Message, set[Side]]:
    message = get_object_or_404(
        Message.objects.select_related("deputy__user", "station__manager", "unit", "congress"),
        pk=pk,
    )
    sides = services.sides_of(request.user, message)
    if not sides:
        raise PermissionDenied
    return message, sides


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a message with its whole timeline and the actions open to this person."""
    message, sides = _message_for(request, pk)
    actions = {side: actions_for(message.state, side) for side in sides}
    context = {
        "message": message,
        "code": rules.format_code(message.tracking_code),
        "steps": selectors.steps(message),
        "actions": actions,
        "sides": sides,
        "name": mask_name(message.name) if message.name else "",
        "phone": mask_phone(message.phone) if message.phone else "",
        "today": timezone.localdate(),
        "photos": message_photos(message),
        "reply_form": forms.ReplyForm(),
        "note_form": forms.NoteForm(),
        "reason_form": forms.ReasonForm(),
        "merge_form": forms.MergeForm(),
        "assign_form": forms.AssignForm(units=handling_units(message.congress)),
        "consultations": services.open_consultations(message.congress),
    }
    return render(request, "channel/detail.html", context)


def message_photos(message: Message):
    from django.contrib.contenttypes.models import ContentType

    from renda.core.models import Attachment

    return Attachment.objects.filter(
        owner_type=ContentType.objects.get_for_model(Message), owner_id=message.pk
    )


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str, side: str) -> HttpResponse:
    """Take one action on a message as one of the person's sides."""
    message, sides = _message_for(request, pk)
    try:
        side, action = Side(side), Action(action)
    except ValueError as exc:
        raise PermissionDenied from exc
    if side not in sides:
        raise PermissionDenied
    user, post = request.user, request.POST
    try:
        if action is Action.REPLY:
            services.message_reply(
                message=message, text=post.get("text", ""), actor=user, side=side
            )
        elif action is Action.HANDLE:
            services.message_handle(message=message, actor=user, note=post.get("note", ""))
        elif action is Action.FORWARD:
            services.message_forward(message=message, actor=user, note=post.get("note", ""))
        elif action is Action.MERGE:
            into = Message.objects.filter(
                tracking_code=rules.normalize_code(post.get("into", ""))
            ).first()
            if into is None:
                raise ValidationError({"into": _("找不到这个查询码。")})
            services.message_merge(message=message, into=into, actor=user)
        elif action is Action.CONVERT:
            _convert(message, user, post)
        elif action is Action.ASSIGN:
            form = forms.AssignForm(post, units=handling_units(message.congress))
            if not form.is_valid():
                raise ValidationError(_("请选择承办单位。"))
            services.message_assign(message=message, actor=user, **form.cleaned_data)
        elif action is Action.ACCEPT:
            services.message_accept(message=message, actor=user)
        elif action is Action.RETURN:
            services.message_return(message=message, actor=user, reason=post.get("reason", ""))
        else:
            raise PermissionDenied
    except ValidationError as exc:
        flash.error(request, "；".join(exc.messages))
    else:
        flash.success(request, _("已完成：%(action)s") % {"action": ACTION_LABELS[action]})
    return redirect("channel:detail", pk=pk)


ACTION_LABELS = {
    Action.REPLY: _("答复"), Action.HANDLE: _("亲自办理"), Action.FORWARD: _("转人大办公室"),
    Action.MERGE: _("合并"), Action.CONVERT: _("转办"), Action.ASSIGN: _("交办"),
    Action.ACCEPT: _("受理"), Action.RETURN: _("退回"), Action.RATE: _("评价"),
    Action.REOPEN: _("重新打开"),
}  # fmt: skip


def _convert(message: Message, user, post) -> None:
    """Turn the message into a deputy's draft suggestion or a legislative opinion."""
    if post.get("target") == "opinion":
        services.message_to_opinion(
            message=message, actor=user, consultation_id=post.get("consultation")
        )
    else:
        services.message_to_suggestion(message=message, actor=user)


@login_required
@require_POST
def reveal_phone(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the citizen's phone number in clear to someone handling it, and log that."""
    message, _sides = _message_for(request, pk)
    audit_record("personal_data.reveal", request=request, congress=message.congress,
                 target=message, data={"field": "phone"})  # fmt: skip
    return HttpResponse(format_html('<span class="revealed">{}</span>', message.phone))


@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    """The office's list of overdue messages and the units holding them (通报)."""
    if not permissions.can(request.user, "channel.route"):
        raise PermissionDenied
    today = timezone.localdate()
    late = selectors.overdue(selectors.office_queue(request.user), today)
    by_unit = late.exclude(unit=None).values("unit__name").annotate(n=Count("id")).order_by("-n")
    return render(
        request,
        "channel/overdue.html",
        {"messages": late[:200], "by_unit": by_unit, "today": today, "total": late.count()},
    )
