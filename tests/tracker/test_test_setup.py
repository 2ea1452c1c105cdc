"""The suite itself runs where the product runs: on PostgreSQL whenever it can."""

import pytest
from django.db import connection

from tests.conftest import TEST_DATABASE_NAME, postgresql_expected


@pytest.mark.django_db
def test_the_suite_runs_on_postgresql_when_it_is_available():
    if not postgresql_expected():
        pytest.skip("PostgreSQL is not available here; the run says so in its header")
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_database()")
        assert cursor.fetchone()[0] == TEST_DATABASE_NAME
