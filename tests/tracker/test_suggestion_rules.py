"""Who may ask for suggested objectives: officers and coordinators on the pages, every
logged-in user through the API (the suggestions read only the Compact)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import administrator, committee_reader, coordinator, officer

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("make_user", "on_pages", "through_api"),
    [
        (officer, True, True),
        (coordinator, True, True),
        (committee_reader, False, True),
        (administrator, False, True),
        (AnonymousUser, False, False),
    ],
)
def test_who_may_ask_for_suggestions(make_user, on_pages, through_api):
    user = make_user()

    assert user.has_perm("tracker.suggest_objectives") is on_pages
    assert user.has_perm("tracker.suggest_objectives_api") is through_api
