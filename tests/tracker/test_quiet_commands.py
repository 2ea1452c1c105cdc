"""The commands print what their user needs: no django-axes banner at every start (make run
starts several commands and the server's reloader starts the project twice)."""

import os
import subprocess  # nosec B404: runs this project's own manage.py
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def test_axes_is_not_verbose():
    assert settings.AXES_VERBOSE is False


def test_a_management_command_prints_no_axes_banner():
    result = subprocess.run(  # nosec B603: fixed arguments
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "true"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    output = result.stdout + result.stderr
    assert "System check identified no issues" in output
    assert "AXES" not in output
