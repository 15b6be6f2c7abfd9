"""REST endpoints of the legislation module, mounted at /api/v1/legislation/."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from renda.core import permissions, ratelimit
from renda.core.api import AUTH
from renda.core.http import client_ip
from renda.legislation import reviewing, selectors, services
from renda.legislation.models import Consultation
from renda.legislation.permissions import MANAGE

router = Router(tags=["legislation"])


class ConsultationOut(Schema):
    id: int
    title: str
    congress: str
    state: str
    opens_on: date | None
    closes_on: date | None
    notes: str


class ArticleOut(Schema):
    number: int
    label: str
    chapter: str
    caption: str
    text: str


class ConsultationDetailOut(ConsultationOut):
    articles: list[ArticleOut]
    questions: list[str]


class OpinionIn(Schema):
    text: str
    article: int | None = None
    name: str = ""
    phone: str = ""
    idempotency_key: str | None = None


class OpinionReceipt(Schema):
    id: int
    received_at: datetime


class OpinionOut(Schema):
    id: int
    article: int | None
    text: str
    source: str
    group: int | None
    is_campaign: bool
    tags: str
    handling_view: str
    adoption: str
    created_at: datetime


class GroupingOut(Schema):
    opinions: int
    groups: int
    campaigns: int


class Error(Schema):
    detail: str | dict


def _out(c: Consultation) -> dict:
    return {
        "id": c.pk,
        "title": c.title,
        "congress": c.congress.name,
        "state": c.state,
        "opens_on": c.opens_on,
        "closes_on": c.closes_on,
        "notes": c.notes,
    }


@router.get("/consultations", response=list[ConsultationOut], summary="正在征求意见的草案")
def consultation_list(request: HttpRequest):
    return [_out(c) for c in selectors.public_consultations()[:200]]


@router.get("/consultations/{pk}", response=ConsultationDetailOut, summary="草案及其条文（征询中）")
def consultation_detail(request: HttpRequest, pk: int):
    consultation = get_object_or_404(selectors.public_consultations(), pk=pk)
    return {
        **_out(consultation),
        "articles": list(selectors.draft_articles(consultation)),
        "questions": [q.text for q in consultation.questions.all()],
    }


@router.post(
    "/consultations/{pk}/opinions",
    response={201: OpinionReceipt, 422: Error, 429: Error},
    summary="提交意见（可选 article 条号；idempotency_key 防重复提交）",
)
def opinion_create(request: HttpRequest, pk: int, payload: OpinionIn):
    consultation = get_object_or_404(selectors.public_consultations(), pk=pk)
    decision = ratelimit.hit(f"lx:api:{client_ip(request) or 'unknown'}", limit=600, window=3600)
    if not decision.allowed:
        return 429, {"detail": "提交过于频繁，请稍后再试。"}
    try:
        opinion = services.opinion_submit(
            consultation=consultation,
            text=payload.text,
            article=payload.article,
            name=payload.name,
            phone=payload.phone,
            source="api",
            idempotency_key=payload.idempotency_key,
            actor=request.user,
        )
    except ValidationError as exc:
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return 422, {"detail": {k: "；".join(v) for k, v in detail.items()}}
    return 201, {"id": opinion.pk, "received_at": opinion.created_at}


def _managed(request: HttpRequest, pk: int) -> Consultation:
    consultation = get_object_or_404(Consultation.objects.select_related("congress"), pk=pk)
    if not permissions.can(request.user, MANAGE, consultation.congress):
        raise HttpError(403, "无权查看。")
    return consultation


@router.get(
    "/consultations/{pk}/opinions",
    response=list[OpinionOut],
    auth=AUTH,
    summary="全部意见（工作人员）",
)
def opinion_list(
    request: HttpRequest, pk: int, article: str = "", offset: int = 0, limit: int = 100
):
    consultation = _managed(request, pk)
    limit = max(1, min(limit, 500))
    rows = selectors.opinion_list(consultation, article=article)[offset : offset + limit]
    return [
        {
            "id": o.pk,
            "article": o.article.number if o.article_id else None,
            "text": o.text,
            "source": o.source,
            "group": o.group_id,
            "is_campaign": bool(o.group_id and o.group.is_campaign),
            "tags": o.tags,
            "handling_view": o.handling_view,
            "adoption": o.adoption,
            "created_at": o.created_at,
        }
        for o in rows
    ]


@router.post(
    "/consultations/{pk}/grouping",
    response={200: GroupingOut, 422: Error},
    auth=AUTH,
    summary="自动分组相近意见和群体性意见（工作人员）",
)
def grouping_run(request: HttpRequest, pk: int):
    consultation = _managed(request, pk)
    try:
        return 200, reviewing.consultation_group(consultation=consultation, actor=request.user)
    except ValidationError as exc:
        return 422, {"detail": "；".join(exc.messages)}
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from exc


@router.get("/statistics", auth=AUTH, summary="征询统计：按法规、采集点、年度（工作人员）")
def statistics(request: HttpRequest):
    stats = selectors.statistics(selectors.staff_consultations(request.user))
    return {
        "totals": stats["totals"],
        "per_year": stats["per_year"],
        "per_point": stats["per_point"],
        "per_consultation": [
            {
                "id": c.pk,
                "title": c.title,
                "year": c.year,
                "opinions": c.opinion_count,
                "adopted": c.adopted_count,
                "rate": c.rate,
            }
            for c in stats["per_consultation"]
        ],
    }
