"""Public pages: the searchable database of reviewed documents (入库展示) and review requests."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from renda.core.ratelimit import limit_requests
from renda.core.timeline import timeline_for
from renda.filings import requests as review_requests
from renda.filings import search, selectors
from renda.filings.forms import SearchForm
from renda.filings.models import Filing

PAGE = 20


def search_page(params) -> dict:
    """Run a public search: filters, then relevance with highlights when there is a query."""
    form = SearchForm(params)
    form.is_valid()
    data = form.cleaned_data if form.is_valid() else {}
    filters = {
        "body": data.get("body") or "",
        "year": data.get("year"),
        "validity": data.get("validity") or "",
        "doc_type": data.get("doc_type") or "",
    }
    documents = selectors.public_documents(**filters)
    query = (data.get("q") or "").strip()
    try:
        number = max(1, int(params.get("page", 1)))
    except ValueError:
        number = 1
    if query:
        ids, total, more = search.search(documents, query, scope=selectors.public_scope(**filters),
                                         offset=(number - 1) * PAGE, limit=PAGE)  # fmt: skip
        found = Filing.objects.select_related("body").in_bulk(ids)
        terms = [query, *search.query_terms(query)]
        results = [
            (found[pk], search.highlight(found[pk].text, terms)) for pk in ids if pk in found
        ]
    else:
        total, more = documents.count(), False
        page_rows = documents[(number - 1) * PAGE : number * PAGE]
        results = [(doc, search.highlight(doc.text, [])) for doc in page_rows]
    return {"form": form, "query": query, "results": results, "total": total, "more": more,
            "page_number": number, "has_next": number * PAGE < total,
            "bodies": selectors.public_bodies()}  # fmt: skip


def document_search(request: HttpRequest) -> HttpResponse:
    """Search the public database in Chinese, with filters."""
    return render(request, "filings/public/search.html", search_page(request.GET))


def _public(pk: int) -> Filing:
    document = (
        Filing.objects.select_related("body", "congress").filter(pk=pk, is_public=True).first()
    )
    if document is None:
        raise Http404
    return document


def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a public document: full text, status, history."""
    document = _public(pk)
    return render(request, "filings/public/document.html", {
        "document": document, "history": timeline_for(document, public_only=True),
        "versions": document.versions.all(),
    })  # fmt: skip


@limit_requests("filings.review_request", limit=10, window=3600)
def review_request(request: HttpRequest, pk: int) -> HttpResponse:
    """Anyone may ask for a filed document to be reviewed (审查建议)."""
    document = _public(pk)
    errors, done = {}, None
    values = {"name": "", "phone": "", "reasons": ""}
    if request.method == "POST":
        values = {k: request.POST.get(k, "").strip() for k in values}
        try:
            done = review_requests.review_request_submit(filing=document, **values)
        except ValidationError as exc:
            errors = {k: "；".join(v) for k, v in exc.message_dict.items()}
    return render(request, "filings/public/request.html", {
        "document": document, "errors": errors, "values": values, "done": done,
        "title": _("对该文件提出审查建议"),
    })  # fmt: skip
