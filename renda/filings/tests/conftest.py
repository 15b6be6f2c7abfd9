import pytest

from renda.filings.tests.factories import World


@pytest.fixture
def world(db):
    return World()
