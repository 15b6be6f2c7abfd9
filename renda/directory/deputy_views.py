"""Staff pages for deputies: filtered list, Excel export, and the checked Excel import."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.core import attachments, permissions
from renda.core.models import Attachment
from renda.directory import deputy_import, selectors
from renda.directory.entities import ENTITIES
from renda.directory.forms import DeputyFilterForm, ImportForm
from renda.directory.permissions import MANAGE
from renda.directory.views import managed_congresses

XLSX = attachments.XLSX.mime


def _filtered(request: HttpRequest, congresses):
    form = DeputyFilterForm(request.GET or None, congresses=congresses)
    filters = form.cleaned_data if form.is_valid() else {}
    deputies = selectors.deputy_list(
        congresses=congresses,
        query=filters.get("q", ""),
        level=filters.get("level", ""),
        station=filters.get("station"),
        group=filters.get("group"),
        field=filters.get("field", ""),
        status=filters.get("status", ""),
    )
    return form, deputies


@login_required
def deputy_list(request: HttpRequest) -> HttpResponse:
    """List deputies with search (Chinese, pinyin, initials) and filters."""
    congresses = managed_congresses(request)
    form, deputies = _filtered(request, congresses)
    entity = ENTITIES["deputies"]
    page = Paginator(deputies, 50).get_page(request.GET.get("page"))
    rows = [(d, [value(d) for _label, value in entity.columns]) for d in page]
    template = (
        "directory/staff/_deputy_rows.html"
        if request.headers.get("HX-Request")
        else ("directory/staff/deputy_list.html")
    )
    return render(
        request,
        template,
        {"entity": entity, "form": form, "page": page, "rows": rows, "total": deputies.count()},
    )


@login_required
def deputy_export(request: HttpRequest) -> HttpResponse:
    """Download the filtered list as Excel, in the import template's columns."""
    congresses = managed_congresses(request)
    _form, deputies = _filtered(request, congresses)
    response = HttpResponse(deputy_import.export(deputies), content_type=XLSX)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="deputies-{stamp}.xlsx"'
    return response


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    """Download the empty import template."""
    managed_congresses(request)
    response = HttpResponse(deputy_import.template(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="deputies-template.xlsx"'
    return response


@login_required
def deputy_import_view(request: HttpRequest) -> HttpResponse:
    """Upload a sheet and see every row's errors before anything is written (dry run)."""
    congresses = managed_congresses(request)
    congress = congresses.order_by("level", "path").first()
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "congress": congress}
    if request.method == "POST" and form.is_valid():
        try:
            upload = attachments.attachment_create(
                congress=congress,
                upload=form.cleaned_data["file"],
                uploaded_by=request.user,
                allowed=frozenset({attachments.XLSX}),
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            data = upload.file.read()
            report, _deputies = deputy_import.check(congress=congress, data=data)
            context.update(
                report=report,
                upload=upload,
                columns=deputy_import.COLUMNS,
                form=ImportForm(),
            )
    return render(request, "directory/staff/deputy_import.html", context)


@login_required
@require_POST
def deputy_import_commit(request: HttpRequest, upload_id: int) -> HttpResponse:
    """Write every row of a checked sheet, or none."""
    upload = get_object_or_404(
        Attachment, pk=upload_id, uploaded_by=request.user, content_type=XLSX
    )
    if not permissions.can(request.user, MANAGE, upload.congress):
        raise PermissionDenied
    try:
        count = deputy_import.commit(
            congress=upload.congress, data=upload.file.read(), actor=request.user
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("directory:deputy_import")
    messages.success(request, _("已导入 %(n)d 名代表。") % {"n": count})
    return redirect("directory:deputy_list")
