"""Every permission question is answered by tracker/rules.py: no code or template of the product
tells roles apart by comparing `.role` itself, so that pages, API, commands and services cannot
drift from the rules (a page offering a button the service then refuses, or a list scoped
differently from what the detail page allows)."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("tracker", "compact", "reports")
RULES = Path("tracker/rules.py")
TEMPLATE_ROLE_TEST = re.compile(r"\.role\s*(==|!=)|\.role\s+(not\s+)?in\b")


def _is_role(node: ast.AST) -> bool:
    """`something.role`, or a tuple/list of values containing one."""
    if isinstance(node, ast.Attribute):
        return node.attr == "role"
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(_is_role(element) for element in node.elts)
    return False


def role_tests(source: str) -> list[int]:
    """The lines of `source` that compare a `.role` attribute (==, !=, in, is, ...) or match
    on one."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Compare)
            and any(_is_role(operand) for operand in (node.left, *node.comparators))
        ) or (isinstance(node, ast.Match) and _is_role(node.subject)):
            lines.append(node.lineno)
    return sorted(lines)


def _python_files() -> list[Path]:
    return sorted(
        path.relative_to(ROOT)
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.relative_to(ROOT).parts
    )


def _templates() -> list[Path]:
    return sorted(path.relative_to(ROOT) for path in ROOT.glob("*/templates/**/*.html"))


def test_the_checker_finds_role_comparisons_in_every_form():
    source = "\n".join(
        [
            "a = user.role == Role.COORDINATOR",
            "b = Role.DESK_OFFICER != request.user.role",
            "c = user.role in (Role.COORDINATOR, Role.ADMINISTRATOR)",
            "d = user.role is None",
            "e = 'x' not in (user.role,)",
            "match user.role:",
            "    case _:",
            "        pass",
            "f = User.objects.filter(role=Role.DESK_OFFICER)",
            "g = user.role",
            "h = user.roles == 1",
        ]
    )
    assert role_tests(source) == [1, 2, 3, 4, 5, 6]
    assert TEMPLATE_ROLE_TEST.search('{% if user.role == "desk_officer" %}')
    assert TEMPLATE_ROLE_TEST.search("{% if request.user.role!='coordinator' %}")
    assert not TEMPLATE_ROLE_TEST.search('<div class="error-summary" role="alert">')


def test_no_python_code_outside_the_rules_compares_roles():
    files = _python_files()
    assert len(files) > 50, "the walk is not looking at the product code"
    assert RULES in files
    found = [
        f"{path}:{line}"
        for path in files
        if path != RULES
        for line in role_tests((ROOT / path).read_text(encoding="utf-8"))
    ]
    assert found == [], (
        "Role tests outside tracker/rules.py (ask a predicate or a perm from it instead):\n"
        + "\n".join(found)
    )


def test_no_template_compares_roles():
    templates = _templates()
    assert len(templates) > 20, "the walk is not looking at the product's templates"
    found = [
        f"{path}:{number}: {line.strip()}"
        for path in templates
        for number, line in enumerate(
            (ROOT / path).read_text(encoding="utf-8").splitlines(), start=1
        )
        if TEMPLATE_ROLE_TEST.search(line)
    ]
    assert found == [], (
        "Role tests in templates (give the template a perm, e.g. perms.tracker.add_measure, "
        "or a flag the view computed from tracker/rules.py):\n" + "\n".join(found)
    )
