"""A project's working page: units report, staff check in and verify, deputies evaluate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.core.attachments import XLSX, read_upload
from renda.core.models import Attachment
from renda.core.permissions import can
from renda.projects import progress_import, selectors, services
from renda.projects.forms import (
    CheckInForm,
    EvaluationForm,
    ImportForm,
    MilestoneForm,
    ProgressForm,
    RespondForm,
    VerifyForm,
    apply_errors,
)
from renda.projects.models import Project
from renda.projects.permissions import MANAGE
from renda.projects.views import managed_round
from renda.projects.workflow import Actor, Kind, available

FORMS = {
    "report": ProgressForm,
    "milestone": MilestoneForm,
    "check_in": CheckInForm,
    "respond": RespondForm,
    "evaluate": EvaluationForm,
    "verify": VerifyForm,
}


def _project(request: HttpRequest, pk: int) -> tuple[Project, set]:
    project = get_object_or_404(Project.objects.select_related("congress", "round", "unit"), pk=pk)
    actors = services.actors_for(request.user, project.congress, project)
    if not actors & {Actor.STAFF, Actor.UNIT, Actor.DEPUTY}:
        raise PermissionDenied
    return project, actors


def _page(request, project, actors, forms=None, status=200) -> HttpResponse:
    forms = forms or {}
    context = selectors.project_page(project)
    context.update(
        actions=available(Kind.PROJECT, project.state, actors),
        forms={key: forms.get(key) or form() for key, form in FORMS.items()},
        is_staff=Actor.STAFF in actors,
        is_unit=Actor.UNIT in actors,
        is_deputy=Actor.DEPUTY in actors,
        evaluated=project.evaluations.filter(deputy__user=request.user).exists(),
    )
    return render(request, "projects/project.html", context, status=status)


@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The project: progress, milestones, reports with photos, check-ins, evaluations."""
    project, actors = _project(request, pk)
    return _page(request, project, actors)


@login_required
@require_POST
def project_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Run one action from the project page; errors come back at their fields."""
    project, actors = _project(request, pk)
    if action not in FORMS:
        raise PermissionDenied
    form = FORMS[action](request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if action == "report":
                services.progress_report(project=project, actor=request.user, **data)
            elif action == "milestone":
                services.milestone_add(project=project, actor=request.user, **data)
            elif action == "check_in":
                services.check_in_record(project=project, actor=request.user, **data)
            elif action == "respond":
                check_in = get_object_or_404(project.check_ins, pk=data["check_in"])
                services.check_in_respond(
                    check_in=check_in, response=data["response"], actor=request.user
                )
            elif action == "evaluate":
                services.evaluation_record(project=project, actor=request.user, **data)
            elif action == "verify":
                services.project_verify(project=project, actor=request.user, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("projects:project", project.pk)
    project.refresh_from_db()
    return _page(request, project, actors, forms={action: form}, status=422)


@login_required
def progress_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The round's adopted projects as an Excel sheet (the import's columns)."""
    round_ = managed_round(request, pk)
    response = HttpResponse(
        progress_import.export(round_),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="projects-{round_.year}.xlsx"'
    return response


@login_required
def progress_import_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a progress sheet, see every row's errors (dry run), then commit all or nothing."""
    round_ = managed_round(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = attachment = None
    if request.method == "POST" and "attachment" in request.POST:
        attachment = get_object_or_404(
            Attachment,
            pk=request.POST["attachment"],
            uploaded_by=request.user,
            congress=round_.congress,
        )
        try:
            count = progress_import.commit(
                round=round_, data=attachment.file.read(), actor=request.user
            )
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, _("已更新 %(n)d 个项目的进度。") % {"n": count})
            return redirect("projects:round", round_.pk)
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            read_upload(upload, allowed=frozenset({XLSX}))
            upload.seek(0)
            from renda.core.attachments import attachment_create

            attachment = attachment_create(
                congress=round_.congress,
                upload=upload,
                uploaded_by=request.user,
                allowed=frozenset({XLSX}),
            )
        except ValidationError as exc:
            form.add_error("file", exc.messages[0])
        else:
            report, _plan = progress_import.check(
                round=round_, data=attachment.file.read(), actor=request.user
            )
    context = {"round": round_, "form": form, "report": report, "attachment": attachment}
    return render(request, "projects/import.html", context)


@login_required
@require_POST
def project_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw a draft candidate."""
    project = get_object_or_404(Project, pk=pk)
    if not can(request.user, MANAGE, project.congress):
        raise PermissionDenied
    try:
        services.project_withdraw(project=project, actor=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    return redirect("projects:round", project.round_id)
