"""Pages of deputies, staff and units: lists by deadline, the draft, the case page, its actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.core import permissions
from renda.core.models import User
from renda.core.roles import Role
from renda.directory.selectors import handling_units
from renda.suggestions import forms, handling, selectors, services, workflow
from renda.suggestions.models import Commitment, ReassignRequest, State, Suggestion
from renda.suggestions.permissions import DRAFT, HANDLE, MANAGE
from renda.suggestions.workflow import Action

LISTS = {
    "todo": (MANAGE, selectors.staff_list, _("待办建议")),
    "mine": (DRAFT, selectors.deputy_list, _("我的建议")),
    "assigned": (HANDLE, selectors.unit_list, _("交办给本单位的建议")),
}


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Show the viewer's list (staff to-do, my suggestions, assigned to my unit), by deadline."""
    tabs = [
        (key, title)
        for key, (perm, _f, title) in LISTS.items()
        if permissions.can(request.user, perm)
    ]
    if not tabs:
        raise PermissionDenied
    key = request.GET.get("list") or tabs[0][0]
    if key not in dict(tabs):
        raise PermissionDenied
    state, query = request.GET.get("state", ""), request.GET.get("q", "")
    year = request.GET.get("year", "")
    suggestions = LISTS[key][1](
        viewer=request.user, state=state, query=query, year=int(year) if year.isdigit() else None
    )
    page = Paginator(suggestions, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "suggestions/list.html",
        {
            "tabs": tabs, "current": key, "title": LISTS[key][2], "page": page,
            "states": State.choices, "state": state, "query": query, "year": year,
            "can_draft": permissions.can(request.user, DRAFT),
            "can_manage": permissions.can(request.user, MANAGE),
            "capped": suggestions.capped, "cap": selectors.CAP,
        },
    )  # fmt: skip


def _drafting_congress(user: User):
    congress = permissions.congresses_where(user, DRAFT).filter(memberships__user=user,
        memberships__role=Role.DEPUTY).first()  # fmt: skip
    if congress is None:
        raise PermissionDenied
    return congress


@login_required
def draft(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Write a new suggestion or change one's draft."""
    suggestion = get_object_or_404(selectors.visible_to(request.user), pk=pk) if pk else None
    congress = suggestion.congress if suggestion else _drafting_congress(request.user)
    initial = {}
    if suggestion:
        initial = {f: getattr(suggestion, f) for f in ("title", "body", "category", "period")}
        initial["version"] = suggestion.version
    form = forms.DraftForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("title", "body", "category", "period")}
        try:
            if suggestion:
                suggestion = services.suggestion_edit(
                    suggestion=suggestion, actor=request.user,
                    version=form.cleaned_data["version"], **data,
                )  # fmt: skip
            else:
                suggestion = services.suggestion_draft(
                    congress=congress, actor=request.user, **data
                )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("草稿已保存。"))
            return redirect("suggestions:detail", pk=suggestion.pk)
    return render(request, "suggestions/draft.html", {"form": form, "suggestion": suggestion})


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _units(suggestion: Suggestion):
    return handling_units(suggestion.congress)


def _deputies(suggestion: Suggestion):
    return (
        User.objects.filter(
            memberships__congress=suggestion.congress, memberships__role=Role.DEPUTY,
            is_active=True,
        )
        .exclude(pk=suggestion.author_id)
        .distinct()
        .order_by("full_name")
    )  # fmt: skip


def _version(form) -> int | None:
    return form.cleaned_data.get("version")


def _do_register(s, f, u):
    services.suggestion_register(suggestion=s, category=f.cleaned_data["category"],
        is_complex=f.cleaned_data["is_complex"], actor=u, version=_version(f))  # fmt: skip
    return _("已立案。")


def _do_merge(s, f, u):
    into = Suggestion.objects.filter(congress=s.congress, number=f.cleaned_data["into"].strip())
    if not into.exists():
        raise ValidationError({"into": _("找不到这个编号的建议。")})
    services.suggestion_merge(suggestion=s, into=into.get(), actor=u, version=_version(f))
    return _("已并案。")


def _do_assign(s, f, u):
    d = f.cleaned_data
    services.suggestion_assign(
        suggestion=s, lead_unit=d["lead_unit"], co_units=list(d["co_units"]), task=d["task"],
        duties=d["duties"], requirements=d["requirements"], due_on=d["due_on"], actor=u,
        version=_version(f),
    )  # fmt: skip
    return _("已交办。")


def _do_decide(s, f, u):
    request = s.reassign_requests.filter(decision=ReassignRequest.Decision.PENDING).first()
    if request is None:
        raise ValidationError(_("没有待决定的改办申请。"))
    d = f.cleaned_data
    handling.reassign_decide(request=request, approve=d["approve"], note=d["note"],
        new_lead_unit=d["new_lead_unit"], actor=u, version=_version(f))  # fmt: skip
    return _("已决定改办申请。")


def _do_reply(s, f, u):
    d = f.cleaned_data
    handling.reply_submit(suggestion=s, result_class=d["result_class"], body=d["body"],
        commitments=f.commitments(), document=d["document"], actor=u,
        version=_version(f))  # fmt: skip
    return _("已答复。")


def _do_evaluate(s, f, u):
    d = f.cleaned_data
    handling.suggestion_evaluate(suggestion=s, verdict=d["verdict"], reason=d["reason"],
        actor=u, version=_version(f))  # fmt: skip
    return _("评价已提交。")


def _do_keep(s, f, u):
    commitment = get_object_or_404(Commitment, pk=f.cleaned_data["commitment"], suggestion=s)
    handling.commitment_keep(commitment=commitment, kept_on=f.cleaned_data["kept_on"],
        follow_up=f.cleaned_data["follow_up"], actor=u)  # fmt: skip
    return _("已确认承诺兑现。")


# action -> (form class, extra form kwargs, handler returning the success message)
ACTIONS = {
    Action.SUBMIT: (forms.Versioned, None, lambda s, f, u: services.suggestion_submit(
        suggestion=s, actor=u, version=_version(f)) and _("建议已提交。")),
    Action.INVITE: (forms.InviteForm, lambda s: {"deputies": _deputies(s)},
        lambda s, f, u: services.suggestion_invite(suggestion=s, users=list(
            f.cleaned_data["users"]), kind=f.cleaned_data["kind"], actor=u) is not None
        and _("已发出邀请。")),
    Action.COSIGN: (forms.CosignForm, None, lambda s, f, u: services.suggestion_cosign(
        suggestion=s, kind=f.cleaned_data["kind"], actor=u) and _("已联名/附议。")),
    Action.REGISTER: (forms.RegisterForm, None, _do_register),
    Action.DECLINE: (forms.DeclineForm, None, lambda s, f, u: services.suggestion_decline(
        suggestion=s, reason=f.cleaned_data["reason"], actor=u, version=_version(f))
        and _("已转为参考意见。")),
    Action.CLASSIFY: (forms.RegisterForm, None, lambda s, f, u: services.suggestion_classify(
        suggestion=s, category=f.cleaned_data["category"],
        is_complex=f.cleaned_data["is_complex"], actor=u, version=_version(f)) and _("已分类。")),
    Action.SPLIT: (forms.SplitForm, None, lambda s, f, u: services.suggestion_split(
        suggestion=s, parts=f.cleaned_data["parts"], actor=u) and _("已拆分。")),
    Action.MERGE: (forms.MergeForm, None, _do_merge),
    Action.ASSIGN: (forms.AssignForm, lambda s: {"units": _units(s)}, _do_assign),
    Action.REQUEST_REASSIGN: (forms.ReasonForm, None, lambda s, f, u: handling.reassign_request(
        suggestion=s, reason=f.cleaned_data["reason"], actor=u) and _("改办申请已提交。")),
    Action.DECIDE_REASSIGN: (forms.DecideReassignForm, lambda s: {"units": _units(s)},
        _do_decide),
    Action.SUPERVISE: (forms.SuperviseForm, None, lambda s, f, u: handling.suggestion_supervise(
        suggestion=s, plan=f.cleaned_data["plan"], members=f.members(), actor=u,
        version=_version(f)) and _("已列为重点督办。")),
    Action.RECORD_ACTIVITY: (forms.ActivityForm, None, lambda s, f, u: handling.activity_record(
        suggestion=s, kind=f.cleaned_data["kind"], held_on=f.cleaned_data["held_on"],
        summary=f.cleaned_data["summary"], actor=u) or _("已记录。")),
    Action.REPLY: (forms.ReplyForm, None, _do_reply),
    "evaluate": (forms.EvaluateForm, None, _do_evaluate),
    Action.KEEP_COMMITMENT: (forms.KeepForm, None, _do_keep),
    Action.NOTE: (forms.NoteForm, None, lambda s, f, u: handling.note_add(
        suggestion=s, body=f.cleaned_data["body"], actor=u) and _("备注已保存。")),
}  # fmt: skip

EVALUATIONS = {Action.EVALUATE_SATISFIED, Action.EVALUATE_BASIC, Action.EVALUATE_UNSATISFIED}


def _forms_for(suggestion: Suggestion, allowed: list[str], bound=None) -> dict:
    keys = {("evaluate" if a in EVALUATIONS else a) for a in allowed}
    result = {}
    for key in keys & set(ACTIONS):
        form_class, extra, _handler = ACTIONS[key]
        kwargs = extra(suggestion) if extra else {}
        if bound is not None and bound[0] == key:
            result[key] = bound[1]
        else:
            result[key] = form_class(initial={"version": suggestion.version}, **kwargs)
    return result


def _render_detail(request, suggestion: Suggestion, *, bound=None, status: int = 200):
    capacities = services.actor_capacities(request.user, suggestion)
    allowed = workflow.allowed_actions(suggestion.state, capacities)
    is_staff = workflow.STAFF in capacities
    events, older = selectors.recent_timeline(suggestion)
    context = {
        "s": suggestion,
        "allowed": allowed,
        "forms": _forms_for(suggestion, allowed, bound),
        "events": events,
        "older_events": older,
        "is_staff": is_staff,
        "notes": suggestion.notes.select_related("author") if is_staff else [],
        "templates": (
            suggestion_templates(suggestion) if workflow.UNIT in capacities or is_staff else []
        ),
        "parts": suggestion.parts.all(),
        **selectors.detail_context(suggestion),
    }
    return render(request, "suggestions/detail.html", context, status=status)


def suggestion_templates(suggestion: Suggestion):
    from renda.suggestions.models import ReplyTemplate

    return ReplyTemplate.objects.filter(congress=suggestion.congress)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a suggestion with its timeline and the forms of what the viewer may do now."""
    suggestion = get_object_or_404(selectors.visible_to(request.user), pk=pk)
    return _render_detail(request, suggestion)


@login_required
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Take one action on a suggestion; errors come back at the fields, a conflict as a message."""
    if action not in ACTIONS:
        raise Http404
    suggestion = get_object_or_404(selectors.visible_to(request.user), pk=pk)
    form_class, extra, handler = ACTIONS[action]
    form = form_class(request.POST, request.FILES, **(extra(suggestion) if extra else {}))
    if form.is_valid():
        try:
            message = handler(suggestion, form, request.user)
        except services.Conflict as exc:
            messages.error(request, exc.messages[0])
            return redirect("suggestions:detail", pk=pk)
        except ValidationError as exc:
            if not hasattr(exc, "error_dict"):
                messages.error(request, " ".join(exc.messages))
                return redirect("suggestions:detail", pk=pk)
            _add_errors(form, exc)
        else:
            messages.success(request, message)
            return redirect("suggestions:detail", pk=pk)
    suggestion.refresh_from_db()
    return _render_detail(request, suggestion, bound=(action, form))
