"""Pages of the core: landing, home, inbox, API tokens, audit log, health."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from renda.core import accounts, notices, permissions
from renda.core.audit import audit_record
from renda.core.forms import AuditFilterForm, TokenForm
from renda.core.home import panels_for, public_entries
from renda.core.models import ApiToken, AuditEvent, Membership
from renda.core.permissions import Perm
from renda.core.roles import ROLE_DESCRIPTIONS


def landing(request: HttpRequest) -> HttpResponse:
    """Show the public front page with the ways in that the modules offer."""
    return render(request, "core/landing.html", {"entries": public_entries()})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Show the signed-in person's roles, what each lets them do, and their notices."""
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("congress")
        .order_by("congress__path", "role")
    )
    roles = {m.role for m in memberships}
    return render(
        request,
        "core/home.html",
        {
            "memberships": [(m, ROLE_DESCRIPTIONS.get(m.role, "")) for m in memberships],
            "panels": [
                (panel, panel.context(request) if panel.context else {})
                for panel in panels_for(roles)
            ],
            "notices": notices.inbox_for(request.user, unread_only=True)[:5],
            "reminders": request.user.reminders.filter(
                sent_at__isnull=True, cancelled_at__isnull=True
            )[:5],
            "can_audit": permissions.can(request.user, Perm.VIEW_AUDIT_LOG),
            "can_admin": permissions.can(request.user, Perm.MANAGE_MASTER_DATA),
        },
    )


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """List the person's notices, newest first."""
    page = Paginator(notices.inbox_for(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "core/inbox.html", {"page": page})


@login_required
@require_POST
def inbox_read(request: HttpRequest) -> HttpResponse:
    """Mark one notice (or all) read; answers HTMX with the updated list item."""
    ids = [int(pk) for pk in request.POST.getlist("id") if pk.isdigit()] or None
    notices.mark_read(request.user, ids)
    if request.headers.get("HX-Request") and ids and len(ids) == 1:
        notice = get_object_or_404(request.user.notifications, pk=ids[0])
        return render(request, "core/_notice.html", {"notice": notice})
    return redirect("core:inbox")


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    """List, create and revoke the person's API tokens."""
    form = TokenForm(request.POST or None)
    raw = None
    if request.method == "POST" and form.is_valid():
        _token, raw = accounts.token_issue(
            user=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
        )
        form = TokenForm()
    return render(
        request,
        "core/tokens.html",
        {
            "form": form,
            "raw": raw,
            "now": timezone.now(),
            "tokens": request.user.api_tokens.order_by("-created_at"),
        },
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of the person's tokens."""
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    accounts.token_revoke(token=token, actor=request.user)
    messages.success(request, _("令牌已吊销。"))
    return redirect("core:tokens")


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """Show the audit log of the congresses the auditor may audit."""
    if not permissions.can(request.user, Perm.VIEW_AUDIT_LOG):
        raise PermissionDenied
    scope = permissions.congresses_where(request.user, Perm.VIEW_AUDIT_LOG)
    events = AuditEvent.objects.filter(Q(congress__in=scope) | Q(congress__isnull=True))
    form = AuditFilterForm(request.GET or None)
    if form.is_valid():
        events = form.apply(events)
    page = Paginator(events.select_related("congress"), 50).get_page(request.GET.get("page"))
    audit_record("audit.view", request=request, data={"query": request.GET.urlencode()[:200]})
    return render(request, "core/audit_log.html", {"form": form, "page": page})


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change one's password; the change is audited."""

    template_name = "core/password_change.html"
    success_url = reverse_lazy("core:password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record("account.password_change", request=self.request, target=self.request.user)
        return response


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Answer 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any database failure means unhealthy
        return JsonResponse({"status": "error", "database": str(exc)[:200]}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})
