"""Each journey runs at desktop width and on a small phone, in one browser context."""

import pytest

# The dashboards' known dataset, shared with the dashboards' and the report's tests.
from tests.reports.conftest import _fresh_cache, cycles, dataset, organisations  # noqa: F401

# The officers' pages' people: Anna, an officer of the Ministry of Justice, and Cora.
from tests.tracker.web.conftest import ministry, other_ministry, people  # noqa: F401

WIDTHS = {1280: 900, 375: 812}


@pytest.fixture(params=list(WIDTHS), ids=[f"{width}px" for width in WIDTHS])
def width(request, page) -> int:
    page.set_viewport_size({"width": request.param, "height": WIDTHS[request.param]})
    return request.param


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
