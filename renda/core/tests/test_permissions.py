"""Each role sees only what it may: the permission matrix, written out by hand."""

import pytest
from django.contrib.auth.models import AnonymousUser

from renda.core import permissions
from renda.core.permissions import Perm
from renda.core.roles import Role
from renda.core.tests.factories import make_congress, make_user

pytestmark = pytest.mark.django_db

AUDIT, MASTER, ACCOUNTS, STAFF = (
    Perm.VIEW_AUDIT_LOG,
    Perm.MANAGE_MASTER_DATA,
    Perm.MANAGE_ACCOUNTS,
    Perm.USE_STAFF_PAGES,
)

# role held in the district -> permissions it grants there (and, reaching down, in townships)
EXPECTED = {
    Role.DEPUTY: set(),
    Role.STAFF: {STAFF},
    Role.UNIT: set(),
    Role.FILER: set(),
    Role.GOV_REVIEWER: set(),
    Role.EXPERT: set(),
    Role.OFFICER: set(),
    Role.STATION_MANAGER: set(),
    Role.ADMIN: {MASTER, ACCOUNTS, STAFF},
    Role.AUDITOR: {AUDIT},
    Role.CITIZEN: set(),
}
REACHES_DOWN = {Role.STAFF, Role.ADMIN, Role.AUDITOR}


@pytest.fixture
def tree():
    city = make_congress(level=2)
    district = make_congress(parent=city)
    town = make_congress(parent=district)
    return city, district, town


def test_every_role_is_in_the_matrix():
    assert set(EXPECTED) == set(Role)


@pytest.mark.parametrize("role", list(Role))
def test_role_matrix(tree, role):
    city, district, town = tree
    user = make_user(roles={role: district})
    for perm in (AUDIT, MASTER, ACCOUNTS, STAFF):
        granted = perm in EXPECTED[role]
        assert permissions.can(user, perm, district) is granted, (role, perm, "district")
        assert permissions.can(user, perm) is granted, (role, perm, "anywhere")
        assert permissions.can(user, perm, town) is (granted and role in REACHES_DOWN)
        assert permissions.can(user, perm, city) is False, (role, perm, "parent")


def test_township_role_does_not_reach_up(tree):
    _city, district, town = tree
    user = make_user(roles={Role.STAFF: town})
    assert permissions.can(user, STAFF, town)
    assert not permissions.can(user, STAFF, district)
    assert list(permissions.congresses_where(user, STAFF)) == [town]


def test_congresses_where_reaches_down_for_auditors(tree):
    _city, district, town = tree
    auditor = make_user(roles={Role.AUDITOR: district})
    assert set(permissions.congresses_where(auditor, AUDIT)) == {district, town}
    assert not permissions.congresses_where(auditor, MASTER).exists()


def test_superuser_may_everything_but_read_the_audit_log(tree):
    _city, district, _town = tree
    root = make_user(is_superuser=True)
    assert permissions.can(root, MASTER, district)
    assert permissions.can(root, STAFF, district)
    assert not permissions.can(root, AUDIT, district)
    assert not permissions.congresses_where(root, AUDIT).exists()


def test_anonymous_and_inactive_people_may_nothing(tree):
    _city, district, _town = tree
    assert not permissions.can(AnonymousUser(), STAFF, district)
    user = make_user(roles={Role.ADMIN: district})
    user.is_active = False
    assert not permissions.can(user, MASTER, district)


def test_inactive_congress_grants_nothing(tree):
    _city, district, _town = tree
    user = make_user(roles={Role.ADMIN: district})
    district.is_active = False
    district.save()
    user = type(user).objects.get(pk=user.pk)
    assert not permissions.can(user, MASTER)


def test_unknown_permission_is_an_error(tree):
    user = make_user()
    with pytest.raises(KeyError):
        permissions.can(user, "nope.nothing")


def test_modules_register_their_permissions(tree):
    _city, district, _town = tree
    permissions.register("test.vote", {Role.DEPUTY})
    try:
        assert permissions.can(make_user(roles={Role.DEPUTY: district}), "test.vote", district)
        assert not permissions.can(make_user(roles={Role.UNIT: district}), "test.vote", district)
    finally:
        del permissions.PERMISSIONS["test.vote"]
