"""Filings permissions, registered into the core permission table."""

from renda.core import permissions
from renda.core.roles import Role

FILE = "filings.file"  # a filing body files its documents and answers corrections
REVIEW = "filings.review"  # the congress reviews (法工委 staff)
GOV_REVIEW = "filings.gov_review"  # the government reviewer (司法局) reviews
MANAGE = "filings.manage"  # bodies, campaigns, notices of late filers, review requests

permissions.register(FILE, {Role.FILER})
permissions.register(REVIEW, {Role.STAFF, Role.ADMIN})
permissions.register(GOV_REVIEW, {Role.GOV_REVIEWER})
permissions.register(MANAGE, {Role.STAFF, Role.ADMIN})
