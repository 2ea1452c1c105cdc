"""What a PDF/UA-1 checker asks of the structure tree and WeasyPrint does not write.

WeasyPrint 70 tags the report (pdf/ua-1) but leaves out what only the HTML knows, and builds a
few shapes a checker refuses. This module, run in the typesetting processes (typeset.py) like
the rest of the tree's post-processing, adds and repairs them:

- each header cell's /Scope in its /A attribute dictionary (<< /O /Table /Scope /Row >>),
  as its <th scope> says: WeasyPrint already reads `scope` to link data cells to their headers
  (every th that does not say "row" heads a column to it), but writes no /Scope, which
  checkers report on every table (Matterhorn 15-003);
- /Lang on the element of every HTML element with a `lang` attribute, so that a text in
  another language than the report's is read in its own;
- the caption of a chart's data table, which the charts' stylesheet takes out of the flow
  (visible to screen readers only), is wrapped by WeasyPrint in anonymous tables without rows:
  those are replaced by the caption, which becomes the table's first kid;
- a list set in columns (`columns: 2`) is a list of one list per column: its items are moved
  up into the list itself.

Both additions need the HTML element behind each structure element, which WeasyPrint gives to
no public hook: `carry_html_attributes` wraps its tree builder (weasyprint.pdf.tags) to write
them as each element is made. The merge (merge.py) sees only PDFs, and is the one step that is
not done side by side, so nothing is added there.
"""

import functools

import pydyf
from weasyprint.pdf import tags as weasyprint_tags

_ROW_SCOPES = {"row", "rowgroup"}


def _carry(box, element: pydyf.Dictionary) -> None:
    if box.element is None or box.element_tag in ("html", "body"):
        return  # the root's language is the catalog's /Lang
    if element["S"] == "/TH" and box.element_tag == "th":
        scope = "/Row" if box.element.get("scope") in _ROW_SCOPES else "/Column"
        element["A"]["Scope"] = scope
    language = box.element.get("lang")
    if language:
        element["Lang"] = pydyf.String(language)


def carry_html_attributes() -> None:
    """Have WeasyPrint's structure elements carry their <th>'s scope and their element's
    lang. Idempotent."""
    build_box_tree = weasyprint_tags._build_box_tree
    if getattr(build_box_tree, "carries_html_attributes", False):
        return

    @functools.wraps(build_box_tree)
    def build(box, *args, **kwargs):
        # The builder calls itself through the module, so every box passes here.
        for element in build_box_tree(box, *args, **kwargs):
            _carry(box, element)
            yield element

    build.carries_html_attributes = True
    weasyprint_tags._build_box_tree = build


def _kid_elements(element, by_reference) -> list:
    return [by_reference.get(kid) for kid in element.get("K", ())]


def _has_rows(element, by_reference) -> bool:
    if element.get("S") == "/TR":
        return True
    return any(
        kid is not None and _has_rows(kid, by_reference)
        for kid in _kid_elements(element, by_reference)
    )


def _without_table_wrappers(element, by_reference) -> list:
    """The kids of a table without rows, its own table kids opened in the same way."""
    kept = []
    for reference in element["K"]:
        kid = by_reference.get(reference)
        if kid is not None and kid.get("S") == "/Table":
            kept += _without_table_wrappers(kid, by_reference)
            kid.clear()
        else:
            kept.append(reference)
    return kept


def _unwrap_rowless_tables(table, by_reference) -> None:
    kept, captions = [], []
    for reference in table["K"]:
        kid = by_reference.get(reference)
        if kid is None or kid.get("S") != "/Table" or _has_rows(kid, by_reference):
            kept.append(reference)
            continue
        opened = _without_table_wrappers(kid, by_reference)
        kid.clear()
        for inner in opened:
            if inner in by_reference:
                by_reference[inner]["P"] = table.reference
        captions += opened
    table["K"] = pydyf.Array(captions + kept)


def _flatten_column_lists(element, by_reference) -> None:
    columns = _kid_elements(element, by_reference)
    if not columns or any(kid is None or kid.get("S") != "/L" for kid in columns):
        return
    items = pydyf.Array()
    for column in columns:
        for reference in column["K"]:
            if reference in by_reference:
                by_reference[reference]["P"] = element.reference
            items.append(reference)
        column.clear()
    element["K"] = items


def repair_structure(pdf: pydyf.PDF) -> None:
    """Tables made of rows, lists made of items (see the module's docstring)."""
    by_reference = {
        item.reference: item
        for item in pdf.objects
        if isinstance(item, pydyf.Dictionary) and item.get("Type") == "/StructElem"
    }
    for element in list(by_reference.values()):
        if element.get("S") == "/Table":
            _unwrap_rowless_tables(element, by_reference)
        elif element.get("S") == "/L":
            _flatten_column_lists(element, by_reference)
