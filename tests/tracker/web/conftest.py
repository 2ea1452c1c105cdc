import pytest

from tests.factories import (
    OrganisationFactory,
    ReviewCycleFactory,
    administrator,
    committee_reader,
    coordinator,
    officer,
)


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def ministry(compact):
    return OrganisationFactory(code="MOJ", name_en="Ministry of Justice", name_sv="Justitiedep")


@pytest.fixture
def other_ministry(compact):
    return OrganisationFactory(code="MFA", name_en="Ministry for Foreign Affairs")


@pytest.fixture
def people(ministry, other_ministry) -> dict:
    """One user per role; the own officer works at `ministry`."""
    return {
        "own_officer": officer(ministry, username="anna", first_name="Anna", last_name="Berg"),
        "other_officer": officer(other_ministry, username="olle"),
        "coordinator": coordinator(username="cora", first_name="Cora", last_name="Lind"),
        "committee_reader": committee_reader(username="reader"),
        "administrator": administrator(username="admin"),
    }


@pytest.fixture
def cycle(compact):
    return ReviewCycleFactory(name="National review 2025", slug="national-2025")


@pytest.fixture
def as_user(client, people):
    """The test client logged in as the user of a role ("anonymous": not logged in)."""

    def log_in(role: str):
        if role != "anonymous":
            client.force_login(people[role])
        return client

    return log_in
