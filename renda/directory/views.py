"""Staff pages of the directory: lists with search, forms, details, personal data on request."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from renda.core import permissions
from renda.core.masking import mask_id_number, mask_phone
from renda.directory import services
from renda.directory.entities import ENTITIES, Entity
from renda.directory.forms import DismissForm
from renda.directory.models import Expert
from renda.directory.permissions import MANAGE, REVEAL_PERSONAL


def managed_congresses(request: HttpRequest):
    """Return the congresses whose directory the person manages, or refuse."""
    congresses = permissions.congresses_where(request.user, MANAGE)
    if not congresses.exists():
        raise PermissionDenied
    return congresses


def entity_or_404(key: str) -> Entity:
    if key not in ENTITIES:
        raise Http404
    return ENTITIES[key]


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Show the directory's sections with their sizes."""
    congresses = managed_congresses(request)
    sections = [(e, e.scoped(congresses).count()) for e in ENTITIES.values()]
    return render(request, "directory/staff/index.html", {"sections": sections})


@login_required
def entity_list(request: HttpRequest, key: str) -> HttpResponse:
    """List one kind of record, searchable by name."""
    entity = entity_or_404(key)
    if key == "deputies":
        return redirect("directory:deputy_list")
    congresses = managed_congresses(request)
    records = entity.scoped(congresses)
    query = request.GET.get("q", "").strip()
    if query:
        condition = Q()
        for lookup in entity.search:
            condition |= Q(**{lookup: query})
        records = records.filter(condition)
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    rows = [(record, [value(record) for _label, value in entity.columns]) for record in page]
    return render(
        request,
        "directory/staff/list.html",
        {"entity": entity, "page": page, "rows": rows, "query": query},
    )


@login_required
def entity_edit(request: HttpRequest, key: str, pk: int | None = None) -> HttpResponse:
    """Create or change one record."""
    entity = entity_or_404(key)
    congresses = managed_congresses(request)
    instance = get_object_or_404(entity.scoped(congresses), pk=pk) if pk else None
    form = entity.form(request.POST or None, instance=instance, congresses=congresses)
    if request.method == "POST" and form.is_valid():
        record = form.save(commit=False)
        try:
            services.entry_save(instance=record, actor=request.user, changed=form.changed_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("已保存：%(name)s") % {"name": record})
            return redirect("directory:entity_detail", key=key, pk=record.pk)
    return render(
        request,
        "directory/staff/form.html",
        {"entity": entity, "form": form, "instance": instance},
    )


@login_required
def entity_detail(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    """Show one record with its personal data masked."""
    entity = entity_or_404(key)
    congresses = managed_congresses(request)
    record = get_object_or_404(entity.scoped(congresses), pk=pk)
    fields = []
    for model_field in record._meta.fields:
        name = model_field.name
        if name in {"id", "name_initials", "name_pinyin", "user", "photo", "congress"}:
            continue
        value = getattr(record, f"get_{name}_display", lambda n=name: getattr(record, n))()
        masked = name in services.PERSONAL_FIELDS and bool(value)
        if masked:
            value = mask_phone(value) if name == "phone" else mask_id_number(value)
        fields.append(
            {"name": name, "label": model_field.verbose_name, "value": value, "masked": masked}
        )
    context = {
        "entity": entity,
        "record": record,
        "fields": fields,
        "can_reveal": permissions.can(request.user, REVEAL_PERSONAL, entity.congress_of(record)),
    }
    if isinstance(record, Expert):
        context["ledger"] = record.ledger.all()[:50]
        context["dismiss_form"] = DismissForm()
    if key == "points":
        context["officers"] = record.officers.all()
    return render(request, "directory/staff/detail.html", context)


@login_required
@require_POST
def reveal(request: HttpRequest, key: str, pk: int, field: str) -> HttpResponse:
    """Show one personal field in clear (HTMX), logging who saw it."""
    entity = entity_or_404(key)
    if field not in services.PERSONAL_FIELDS:
        raise Http404
    record = get_object_or_404(entity.scoped(managed_congresses(request)), pk=pk)
    if not permissions.can(request.user, REVEAL_PERSONAL, entity.congress_of(record)):
        raise PermissionDenied
    value = services.personal_reveal(
        instance=record, field=field, actor=request.user, request=request
    )
    return render(request, "directory/staff/_revealed.html", {"value": value})


@login_required
@require_POST
def expert_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    """Dismiss an expert with a reason."""
    expert = get_object_or_404(ENTITIES["experts"].scoped(managed_congresses(request)), pk=pk)
    form = DismissForm(request.POST)
    if form.is_valid():
        try:
            services.expert_dismiss(
                expert=expert, reason=form.cleaned_data["reason"], actor=request.user
            )
            messages.success(request, _("已解聘。"))
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
    else:
        messages.error(request, _("请填写解聘原因。"))
    return redirect("directory:entity_detail", key="experts", pk=pk)
