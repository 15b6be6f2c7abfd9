"""Who a person is to a filing: its body, the reviewer of one of its tracks, or nobody."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from renda.core import permissions
from renda.core.models import Membership, User
from renda.core.roles import Role
from renda.directory.models import Organization
from renda.filings.models import Filing, FilingBody, Side, Track
from renda.filings.permissions import FILE, GOV_REVIEW, REVIEW
from renda.filings.workflow import Actor


def profile_of(body: Organization) -> FilingBody:
    """Return where `body` files: its own profile, or its congress and that congress's reviewer."""
    profile = (
        FilingBody.objects.filter(organization=body)
        .select_related("review_congress", "gov_reviewer")
        .first()
    )
    if profile is not None:
        return profile
    reviewer = Organization.objects.filter(
        congress=body.congress_id, is_gov_reviewer=True, is_active=True
    ).first()
    if reviewer is None:
        raise ValidationError(_("本级尚未设置政府备案审查机关，无法报备。"))
    return FilingBody(organization=body, review_congress=body.congress, gov_reviewer=reviewer)


def is_member(user: User, organization: Organization) -> bool:
    return user.is_authenticated and organization.members.filter(pk=user.pk).exists()


def may_file(user: User, body: Organization) -> bool:
    """Tell whether `user` files for `body`."""
    return permissions.can(user, FILE, body.congress) and is_member(user, body)


def may_review_congress(user: User, filing: Filing) -> bool:
    return permissions.can(user, REVIEW, filing.congress)


def may_review_government(user: User, filing: Filing) -> bool:
    return permissions.can(user, GOV_REVIEW, filing.gov_reviewer.congress) and is_member(
        user, filing.gov_reviewer
    )


def actor_for(user: User, track: Track) -> Actor:
    """Return the part `user` plays on `track`."""
    filing = track.filing
    if track.side == Side.CONGRESS and may_review_congress(user, filing):
        return Actor.REVIEWER
    if track.side == Side.GOVERNMENT and may_review_government(user, filing):
        return Actor.REVIEWER
    if may_file(user, filing.body):
        return Actor.BODY
    return Actor.OTHER


def reviewers_of(track: Track) -> QuerySet[User]:
    """Return the people to notify about a track: its reviewer, or everyone who reviews there."""
    if track.reviewer_id:
        return User.objects.filter(pk=track.reviewer_id)
    if track.side == Side.GOVERNMENT:
        return track.filing.gov_reviewer.members.filter(is_active=True)
    staff = User.objects.filter(
        is_active=True,
        memberships__congress=track.filing.congress,
        memberships__role=Role.STAFF,
    ).distinct()
    legal = staff.filter(memberships__office__contains="法")
    return legal if legal.exists() else staff


def reviewer_candidates(track: Track) -> QuerySet[User]:
    """Return the people a track may be assigned to."""
    if track.side == Side.GOVERNMENT:
        return track.filing.gov_reviewer.members.filter(is_active=True)
    paths = [c for c in track.filing.congress.path.split("/") if c]
    ids = Membership.objects.filter(role__in=[Role.STAFF], congress__code__in=paths).values_list(
        "user_id", flat=True
    )
    return User.objects.filter(pk__in=ids, is_active=True).order_by("full_name")


def visible_filings(user: User) -> QuerySet[Filing]:
    """Return the filings `user` may open: reviewed by them, or filed by their bodies."""
    from django.db.models import Q

    reviewing = permissions.congresses_where(user, REVIEW)
    condition = Q(congress__in=reviewing)
    if permissions.can(user, GOV_REVIEW):
        condition |= Q(gov_reviewer__members=user)
    if permissions.can(user, FILE):
        condition |= Q(body__members=user)
    return Filing.objects.filter(condition).distinct()
