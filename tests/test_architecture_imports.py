"""The import rules between the apps and between the interfaces, as pyproject.toml's
[tool.importlinter] contracts state them, checked by import-linter (`lint-imports`)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("compact", "tracker", "reports")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

TRACKER_RULE = "The tracker does not import the reports"
COMPACT_RULE = "The Compact imports neither the tracker nor the reports"
INTERFACE_RULE = "The interfaces are independent of each other"


def lint_imports(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_code_keeps_every_import_rule():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    for rule in (TRACKER_RULE, COMPACT_RULE, INTERFACE_RULE):
        assert f"{rule} KEPT" in result.stdout


@pytest.mark.parametrize(
    ("module", "imported", "rule"),
    [
        ("tracker/selectors/__init__.py", "reports.models", TRACKER_RULE),
        ("compact/models.py", "tracker.models", COMPACT_RULE),
        ("compact/models.py", "reports.models", COMPACT_RULE),
        # The API using the web pages' code, the reports' API using the tracker's, directly.
        ("tracker/api/__init__.py", "tracker.web.views", INTERFACE_RULE),
        ("reports/review/api.py", "tracker.api.fields", INTERFACE_RULE),
        ("reports/dashboards/__init__.py", "tracker.api.fields", INTERFACE_RULE),
        # Indirectly: the pages and the API call the services, which would import a task.
        ("tracker/services/measures.py", "tracker.tasks", INTERFACE_RULE),
    ],
)
def test_a_forbidden_import_breaks_its_rule(tmp_path, module, imported, rule):
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("templates", "static", "locale", "__pycache__"),
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    with (tmp_path / module).open("a") as source:
        source.write(f"\nimport {imported}  # noqa\n")

    result = lint_imports(tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{rule} BROKEN" in result.stdout, result.stdout
    assert imported in result.stdout
