"""The import template offers drop-down lists of the codes of its coded columns, read from its
Help sheet, which lists the objectives and actions with their codes and titles."""

import io
import re

import openpyxl
import pytest
from django.urls import reverse
from openpyxl.utils import get_column_letter

from tests.factories import officer
from tracker.exports.columns import MEASURE_COLUMNS
from tracker.models import MeasureKind, MeasureStatus, Stakeholder, TargetGroup

pytestmark = pytest.mark.usefixtures("compact")


@pytest.fixture
def template(client):
    client.force_login(officer())
    response = client.get(reverse("imports:template", args=["xlsx"]))
    return openpyxl.load_workbook(io.BytesIO(response.content))


def _validations(workbook) -> dict:
    """Each validated column's name, with its validation."""
    measures = workbook["Measures"]
    found = {}
    for validation in measures.data_validations.dataValidation:
        letter = re.match(r"[A-Z]+", str(validation.sqref)).group(0)
        column = MEASURE_COLUMNS[[get_column_letter(i + 1) for i in range(50)].index(letter)]
        found[column] = validation
    return found


def _offered(workbook, validation) -> list:
    """The values the drop-down offers: the cells of the Help sheet its formula names."""
    sheet, first, last = re.fullmatch(
        r"'?(\w+)'?!\$A\$(\d+):\$A\$(\d+)", validation.formula1
    ).groups()
    return [workbook[sheet][f"A{row}"].value for row in range(int(first), int(last) + 1)]


def test_the_coded_columns_offer_their_codes_as_drop_down_lists(template):
    validations = _validations(template)

    assert _offered(template, validations["kind"]) == MeasureKind.values
    assert _offered(template, validations["status"]) == MeasureStatus.values
    assert _offered(template, validations["language"]) == ["en", "sv", "nb", "da"]
    assert _offered(template, validations["target_groups"]) == TargetGroup.values
    assert _offered(template, validations["stakeholders"]) == Stakeholder.values
    assert "child_sensitive" in _offered(template, validations["guiding_principles"])
    assert {"SEK", "NOK", "DKK", "EUR"} <= set(_offered(template, validations["budget_currency"]))
    # One kind and one status: anything else is refused; currencies and the multi-value
    # columns take other values with a warning or a note.
    assert validations["kind"].errorStyle in (None, "stop")
    assert validations["budget_currency"].errorStyle == "warning"
    assert validations["stakeholders"].errorStyle == "information"
    assert "semicolons" in validations["stakeholders"].prompt
    # The whole column below the header.
    letter = get_column_letter(MEASURE_COLUMNS.index("kind") + 1)
    assert str(validations["kind"].sqref) == f"{letter}2:{letter}1048576"


def test_the_objective_and_action_columns_point_to_the_codes_in_the_help_sheet(template):
    validations = _validations(template)
    assert "Objectives" in validations["objectives"].prompt
    assert "Actions" in validations["actions"].prompt

    codes = {row[0]: row[2] for row in template["Help"].iter_rows(values_only=True) if row}
    assert codes[23].startswith("Strengthen international cooperation")
    assert codes["5c"]  # an action by objective number and letter, with its text
