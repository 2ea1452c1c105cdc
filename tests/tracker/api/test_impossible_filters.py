"""A filter value that no entry can have is refused with a 400 naming the parameter before a
download starts, never a 200 whose file breaks off after its header."""

import pytest
from django.db.models import Q

from tests.factories import MeasureFactory
from tests.tracker.api.conftest import client_for
from tracker import exports
from tracker.models import Measure, WorkflowState

pytestmark = pytest.mark.usefixtures("compact")

IMPOSSIBLE = [
    ("measures", "objective", "32768"),
    ("measures", "objective", "24"),
    ("measures", "objective", "0"),
    ("measures", "objective", "5.5"),
    ("measures", "round_table", "2147483648"),
    ("measures", "round_table", "5"),
    ("pledges", "objective", "32768"),
    ("pledges", "objective", "-1"),
]


@pytest.mark.parametrize("file_format", ["csv", "xlsx", "json"])
@pytest.mark.parametrize(("entries", "parameter", "value"), IMPOSSIBLE)
def test_an_impossible_number_is_a_400_naming_the_parameter(entries, parameter, value, file_format):
    response = client_for().get(f"/api/v1/{entries}/", {parameter: value, "format": file_format})

    assert response.status_code == 400
    assert list(response.json()) == [parameter]


@pytest.mark.parametrize(("parameter", "value"), [("objective", "23"), ("round_table", "4")])
def test_the_highest_possible_number_still_filters(parameter, value):
    MeasureFactory(title="Returns", objectives=[23], workflow_state=WorkflowState.APPROVED)

    response = client_for().get("/api/v1/measures/", {parameter: value, "format": "csv"})

    assert response.status_code == 200
    assert b"Returns" in b"".join(response.streaming_content)


def test_a_csv_of_a_query_the_database_can_never_match_is_a_whole_empty_file(db):
    # A lookup Django knows matches nothing (a number past the column's range) compiles to no
    # SQL at all: the download is its header alone, decided before the response starts.
    queryset = Measure.objects.filter(Q(objectives__number=40_000))

    response = exports.measures_export(queryset, "csv")

    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("id,")
