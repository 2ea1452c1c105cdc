"""The product's code stays small enough to read: no function or method over 60 lines, no
module over 400 lines (tracker/, compact/, reports/, migrations aside)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("tracker", "compact", "reports")
MAX_FUNCTION_LINES = 60
MAX_FILE_LINES = 400


def product_files() -> list[Path]:
    return sorted(
        path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.relative_to(ROOT).parts
    )


def function_lengths(source: str):
    """(name, first line, lines) of every function and method, nested ones too: from the
    `def` line (decorators excluded, docstring included) to the last line of its body."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node.name, node.lineno, node.end_lineno - node.lineno + 1


def test_the_product_files_are_found():
    names = {path.relative_to(ROOT).as_posix() for path in product_files()}

    assert "tracker/settings.py" in names
    assert "reports/dashboards/figures.py" in names
    assert not any("/migrations/" in name for name in names)


def test_the_lengths_are_measured_from_def_to_the_end_of_the_body():
    source = (
        "@decorator\n"
        "def f():\n"
        '    """Doc."""\n'
        "    return 1\n"
        "\n"
        "\n"
        "class C:\n"
        "    def m(self):\n"
        "        pass\n"
    )

    assert list(function_lengths(source)) == [("f", 2, 3), ("m", 8, 2)]


def test_no_function_is_over_60_lines():
    too_long = [
        f"{path.relative_to(ROOT)}: {name} (line {line}) is {length} lines"
        for path in product_files()
        for name, line, length in function_lengths(path.read_text(encoding="utf-8"))
        if length > MAX_FUNCTION_LINES
    ]

    assert not too_long, "Functions over 60 lines:\n" + "\n".join(too_long)


def test_no_module_is_over_400_lines():
    too_long = [
        f"{path.relative_to(ROOT)} is {length} lines"
        for path in product_files()
        if (length := len(path.read_text(encoding="utf-8").splitlines())) > MAX_FILE_LINES
    ]

    assert not too_long, "Modules over 400 lines:\n" + "\n".join(too_long)
