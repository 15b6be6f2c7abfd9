"""REST endpoints of the filings module, mounted at /api/v1/filings/."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from renda.core.api import AUTH
from renda.directory.models import Organization
from renda.filings import public, selectors, services

router = Router(tags=["filings"])


class TrackOut(Schema):
    side: str
    state: str
    state_label: str
    formal_due_on: dt.date
    receipt_number: str
    review_due_on: dt.date | None
    result: str
    conclusion: str
    legal_basis: str


class FilingOut(Schema):
    id: int
    title: str
    number: str
    body: str
    published_on: dt.date
    filed_on: dt.date
    due_on: dt.date
    is_late: bool
    validity: str
    is_public: bool
    findings: int
    tracks: list[TrackOut]


class FilingIn(Schema):
    body: str
    title: str = ""
    number: str = ""
    doc_type: str = "administrative"
    published_on: dt.date
    drafting_notes: str = ""
    legality_opinion: str = ""


class DocumentOut(Schema):
    id: int
    title: str
    number: str
    body: str
    published_on: dt.date
    validity: str
    validity_label: str
    excerpt: str
    url: str


class SearchOut(Schema):
    total: int
    more: bool = False
    page: int
    results: list[DocumentOut]


class Errors(Schema):
    errors: dict[str, str]


def _filing_row(filing) -> dict:
    return {
        "id": filing.pk, "title": filing.title, "number": filing.number,
        "body": filing.body.name, "published_on": filing.published_on,
        "filed_on": filing.filed_on, "due_on": filing.due_on, "is_late": filing.is_late,
        "validity": filing.validity, "is_public": filing.is_public,
        "findings": filing.findings.filter(version=filing.version).count(),
        "tracks": [
            {"side": t.side, "state": t.state, "state_label": t.get_state_display(),
             "formal_due_on": t.formal_due_on, "receipt_number": t.receipt_number,
             "review_due_on": t.review_due_on, "result": t.result,
             "conclusion": t.conclusion, "legal_basis": t.legal_basis}
            for t in filing.tracks.order_by("side")
        ],
    }  # fmt: skip


@router.post("/filings", auth=AUTH, response={201: FilingOut, 403: dict, 422: Errors})
def filing_create(request: HttpRequest, data: Form[FilingIn], file: File[UploadedFile]):
    """File a document (multipart: fields and the .docx or PDF text); it reaches both reviewers."""
    body = Organization.objects.filter(
        name=data.body, is_filing_body=True, members=request.auth
    ).first()
    if body is None:
        return Status(422, {"errors": {"body": _("您不是该制定主体的备案联络员。")}})
    try:
        filing = services.filing_submit(
            body=body, title=data.title, number=data.number, doc_type=data.doc_type,
            published_on=data.published_on, upload=file, drafting_notes=data.drafting_notes,
            legality_opinion=data.legality_opinion, actor=request.auth,
        )  # fmt: skip
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from None
    except ValidationError as exc:
        errors = {k: "；".join(v) for k, v in exc.message_dict.items()}
        return Status(422, {"errors": errors})
    return Status(201, _filing_row(filing))


@router.get("/filings/{filing_id}", auth=AUTH, response=FilingOut)
def filing_status(request: HttpRequest, filing_id: int):
    """Read a filing's review status on both tracks (its body and its reviewers only)."""
    filing = selectors.filing_for(request.auth, filing_id)
    if filing is None:
        raise HttpError(404, _("没有找到这件备案文件。"))
    return _filing_row(filing)


@router.get("/documents", response=SearchOut)
def document_search(request: HttpRequest, q: str = "", body: str = "", year: int | None = None,
                    validity: str = "", doc_type: str = "", page: int = 1):  # fmt: skip
    """Search the public database of reviewed documents (no account needed)."""
    params = {"q": q, "body": body, "year": year or "", "validity": validity,
              "doc_type": doc_type, "page": page}  # fmt: skip
    found = public.search_page(params)
    return {
        "total": found["total"], "more": found["more"], "page": found["page_number"],
        "results": [
            {"id": d.pk, "title": d.title, "number": d.number, "body": d.body.name,
             "published_on": d.published_on, "validity": d.validity,
             "validity_label": d.get_validity_display(), "excerpt": str(excerpt),
             "url": f"/fg/{d.pk}/"}
            for d, excerpt in found["results"]
        ],
    }  # fmt: skip
