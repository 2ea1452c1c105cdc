"""Fixtures of the fault tests: report files in a folder of the test's own, so that every file
in it can be accounted for."""

import pytest


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"
