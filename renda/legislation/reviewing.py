"""Staff review: group opinions, tag and answer them, import the final text, mark adoption."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from renda.core.audit import audit_record
from renda.core.models import User
from renda.core.notices import notify
from renda.core.timeline import timeline_record
from renda.legislation import compare, grouping
from renda.legislation.models import Article, Consultation, Opinion, OpinionGroup
from renda.legislation.services import _staff, _store_articles, parse_draft

BATCH = 2000


@transaction.atomic
def consultation_group(
    *, consultation: Consultation, actor: User | None, campaign_min: int = 10
) -> dict[str, int]:
    """Group the opinions not in a reviewed group into near-duplicates and campaigns.

    Unreviewed groups are rebuilt; reviewed ones (and their members) are kept as staff left them.
    """
    if actor is not None:
        _staff(consultation, "review", actor)
    OpinionGroup.objects.filter(consultation=consultation, reviewed=False).delete()
    rows = list(
        Opinion.objects.filter(consultation=consultation, group__isnull=True)
        .order_by("pk")
        .values_list("pk", "text")
    )
    ids = [pk for pk, _text in rows]
    result = grouping.group_texts([text for _pk, text in rows], campaign_min=campaign_min)
    del rows
    groups = result.groups()
    made = {}
    for first, size in groups.items():
        made[first] = OpinionGroup(
            consultation=consultation, size=size, is_campaign=size >= campaign_min
        )
    OpinionGroup.objects.bulk_create(made.values(), batch_size=BATCH)
    by_group: dict[int, list[int]] = {}
    for index, first in enumerate(result.group.tolist()):
        if first in made:
            by_group.setdefault(made[first].pk, []).append(ids[index])
    for group_pk, members in by_group.items():
        for start in range(0, len(members), BATCH):
            Opinion.objects.filter(pk__in=members[start : start + BATCH]).update(group_id=group_pk)
    for first, group in made.items():
        group.representative_id = ids[result.representative[first]]
    OpinionGroup.objects.bulk_update(made.values(), ["representative"], batch_size=BATCH)
    consultation.grouped_at = timezone.now()
    consultation.save(update_fields=["grouped_at"])
    figures = {
        "opinions": len(ids),
        "groups": len(made),
        "campaigns": sum(1 for g in made.values() if g.is_campaign),
    }
    audit_record(
        "legislation.group",
        actor=actor,
        congress=consultation.congress,
        target=consultation,
        data=figures,
    )
    return figures


def _resize(group: OpinionGroup | None) -> None:
    if group is None:
        return
    group.size = group.opinions.count()
    if group.size == 0:
        group.delete()
        return
    if (
        group.representative_id is None
        or not group.opinions.filter(pk=group.representative_id).exists()
    ):
        group.representative = group.opinions.order_by("pk").first()
    group.save()


@transaction.atomic
def group_review(*, group: OpinionGroup, is_campaign: bool, actor: User) -> OpinionGroup:
    """Confirm an automatic group, marking it a campaign or not; regrouping keeps it."""
    _staff(group.consultation, "review", actor)
    group.is_campaign, group.reviewed = is_campaign, True
    group.save(update_fields=["is_campaign", "reviewed"])
    audit_record(
        "legislation.group.review",
        actor=actor,
        congress=group.consultation.congress,
        target=group.consultation,
        data={"group": group.pk, "campaign": is_campaign},
    )
    return group


@transaction.atomic
def opinion_ungroup(*, opinion: Opinion, actor: User) -> Opinion:
    """Take an opinion out of its group (it is a position of its own)."""
    _staff(opinion.consultation, "review", actor)
    group = opinion.group
    opinion.group = None
    opinion.save(update_fields=["group"])
    _resize(group)
    audit_record(
        "legislation.opinion.ungroup",
        actor=actor,
        congress=opinion.consultation.congress,
        target=opinion,
    )
    return opinion


@transaction.atomic
def opinions_merge(*, opinions: list[Opinion], actor: User) -> OpinionGroup:
    """Put opinions into one reviewed group (the first one's, or a new one)."""
    if len(opinions) < 2:
        raise ValidationError(_("请至少选择两条意见合并。"))
    consultation = opinions[0].consultation
    _staff(consultation, "review", actor)
    if any(o.consultation_id != consultation.pk for o in opinions):
        raise ValidationError(_("只能合并同一征询的意见。"))
    target = next((o.group for o in opinions if o.group_id), None) or OpinionGroup.objects.create(
        consultation=consultation, representative=opinions[0]
    )
    old = {o.group for o in opinions if o.group_id and o.group_id != target.pk}
    Opinion.objects.filter(pk__in=[o.pk for o in opinions]).update(group=target)
    target.reviewed = True
    _resize(target)
    for group in old:
        _resize(group)
    audit_record(
        "legislation.opinion.merge",
        actor=actor,
        congress=consultation.congress,
        target=consultation,
        data={"group": target.pk, "count": len(opinions)},
    )
    return target


@transaction.atomic
def opinions_handle(
    *,
    opinions: Iterable[Opinion],
    tags: str | None = None,
    handling_view: str | None = None,
    actor: User,
) -> int:
    """Set tags and the handling view on opinions (and on every member of their groups)."""
    opinions = list(opinions)
    if not opinions:
        return 0
    consultation = opinions[0].consultation
    _staff(consultation, "review", actor)
    pks = {o.pk for o in opinions}
    groups = {o.group_id for o in opinions if o.group_id}
    scope = Opinion.objects.filter(consultation=consultation)
    targets = scope.filter(pk__in=pks) | scope.filter(group_id__in=groups)
    values = {}
    if tags is not None:
        cleaned = [t.strip() for t in tags.replace("，", ",").split(",") if t.strip()]
        values["tags"] = ",".join(dict.fromkeys(cleaned))[:200]
    if handling_view is not None:
        values["handling_view"] = handling_view.strip()
    count = targets.update(**values) if values else 0
    audit_record(
        "legislation.opinion.handle",
        actor=actor,
        congress=consultation.congress,
        target=consultation,
        data={"count": count, "fields": sorted(values)},
    )
    return count


@transaction.atomic
def consultation_report(*, consultation: Consultation, actor: User) -> Consultation:
    """Record that the feedback report went to the legislature."""
    decision = _staff(consultation, "report", actor)
    consultation.state = decision.next_state
    consultation.save(update_fields=["state"])
    audit_record(
        "legislation.consultation.report",
        actor=actor,
        congress=consultation.congress,
        target=consultation,
    )
    timeline_record(
        consultation, verb="report", summary=_("生成并报送意见反馈报告"), actor=actor, public=True
    )
    return consultation


@transaction.atomic
def final_import(
    *,
    consultation: Consultation,
    upload: UploadedFile | None = None,
    text: str = "",
    title: str = "",
    actor: User,
) -> list[compare.Match]:
    """Import the published text, align its articles with the draft's, note what changed."""
    decision = _staff(consultation, "import_final", actor)
    parsed_title, articles = parse_draft(upload=upload, text=text)
    _store_articles(consultation, Article.Version.FINAL, articles)
    draft = list(consultation.articles.filter(version=Article.Version.DRAFT))
    final = list(consultation.articles.filter(version=Article.Version.FINAL))
    matches = compare.align([a.text for a in draft], [a.text for a in final])
    for match in matches:
        if match.draft is not None:
            article = draft[match.draft]
            article.counterpart = final[match.final] if match.final is not None else None
            article.change, article.similarity = match.change, match.similarity
        else:
            article = final[match.final]
            article.change, article.similarity = match.change, None
    Article.objects.bulk_update(draft + final, ["counterpart", "change", "similarity"])
    consultation.final_title = (title or parsed_title or consultation.title)[:200]
    consultation.final_text = text if upload is None else ""
    consultation.state = decision.next_state
    consultation.save(update_fields=["final_title", "final_text", "state"])
    changed = sum(1 for m in matches if m.change != compare.SAME)
    audit_record(
        "legislation.final.import",
        actor=actor,
        congress=consultation.congress,
        target=consultation,
        data={"articles": len(final), "changed": changed},
    )
    timeline_record(
        consultation,
        verb="final",
        summary=_("导入公布文本，%(n)d 条有变化") % {"n": changed},
        actor=actor,
        public=True,
    )
    return matches


@transaction.atomic
def opinions_mark_adoption(
    *, opinions: Iterable[Opinion], adoption: str, actor: User, whole_group: bool = True
) -> int:
    """Mark opinions 采纳 / 部分采纳 / 未采纳 (with their groups); notify who sent them."""
    opinions = list(opinions)
    if not opinions:
        return 0
    if adoption not in Opinion.Adoption.values:
        raise ValidationError({"adoption": _("请选择采纳情况。")})
    consultation = opinions[0].consultation
    _staff(consultation, "mark_adoption", actor)
    scope = Opinion.objects.filter(consultation=consultation)
    targets = scope.filter(pk__in=[o.pk for o in opinions])
    if whole_group:
        targets = targets | scope.filter(group_id__in={o.group_id for o in opinions if o.group_id})
    targets = list(targets.select_related("deputy__user", "submitted_by", "point"))
    adopted = adoption in (Opinion.Adoption.ADOPTED, Opinion.Adoption.PARTLY)
    year = timezone.localdate().year
    for opinion in targets:
        opinion.adoption = adoption
        if adopted and not opinion.certificate_no:
            opinion.certificate_no = f"{consultation.congress.code.upper()}-{year}-{opinion.pk:06d}"
    Opinion.objects.bulk_update(targets, ["adoption", "certificate_no"], batch_size=BATCH)
    if adopted:
        for opinion in targets:
            _credit(consultation, opinion, actor)
    audit_record(
        "legislation.opinion.adoption",
        actor=actor,
        congress=consultation.congress,
        target=consultation,
        data={"count": len(targets), "adoption": adoption},
    )
    return len(targets)


def _credit(consultation: Consultation, opinion: Opinion, actor: User) -> None:
    """Tell the contributor and count it in the deputy's or officer's duty record."""
    label = str(Opinion.Adoption(opinion.adoption).label)
    summary = _("对《%(t)s》的意见被%(a)s") % {"t": consultation.title, "a": label}
    if opinion.deputy_id:
        timeline_record(
            opinion.deputy,
            verb="legislation.adopted",
            summary=summary,
            actor=actor,
            congress=consultation.congress,
        )
    if opinion.point_id:
        timeline_record(
            opinion.point,
            verb="legislation.adopted",
            summary=summary,
            actor=actor,
            congress=consultation.congress,
        )
    user = opinion.deputy.user if opinion.deputy_id and opinion.deputy.user_id else None
    user = user or opinion.submitted_by
    if user is not None:
        notify(
            user,
            title=summary,
            url=f"/legislation/certificates/{opinion.pk}.pdf",
            kind="legislation.adopted",
            congress=consultation.congress,
        )


def adoption_counts(consultation: Consultation) -> dict[str, int]:
    """Return how many opinions have each adoption mark."""
    rows = consultation.opinions.values("adoption").annotate(n=Count("pk"))
    return {row["adoption"]: row["n"] for row in rows}
