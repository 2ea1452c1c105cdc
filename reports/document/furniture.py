"""The running title and page numbers of a piece's pages: a document of as many empty pages,
typeset like a piece (same page box, reports/static/reports/report.css) and drawn over its pages
by merge.py. Pieces are typeset side by side, before the page each starts on is known; its
furniture is typeset once it is. The report's cover has none.

Written here rather than as a Django template because it is made in the typesetting process
(press.py), which does not set Django up.
"""

from html import escape

_DOCUMENT = """<!DOCTYPE html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<style>
.running-title {{ position: running(running-title); font-size: 8pt; color: #444; }}
@page {{
  @top-left {{ content: element(running-title); }}
  @bottom-center {{ content: counter(page); font-size: 9pt; }}
}}
@page :first {{ counter-reset: page {first_page}; {cover} }}
.sheet + .sheet {{ break-before: page; }}
</style>
</head>
<body><p class="running-title">{running_title}</p>{sheets}</body>
</html>
"""
_NO_FURNITURE = "@top-left { content: none; } @bottom-center { content: none; }"


def furniture_html(
    *, language: str, running_title: str, first_page: int, pages: int, cover: bool
) -> str:
    """The furniture of `pages` pages numbered from `first_page`; none on the first if it is
    the `cover`."""
    return _DOCUMENT.format(
        language=escape(language),
        running_title=escape(running_title),
        first_page=int(first_page),
        cover=_NO_FURNITURE if cover else "",
        sheets='<div class="sheet"></div>' * pages,
    )
