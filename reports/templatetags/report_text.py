"""Template helpers of the review report's PDF (reports/templates/reports/review/pdf/): an
entry's text as printed, wrapped in an element only when it is in another language than the
report's.

A text in the report's language is printed bare. Every element costs WeasyPrint a box to style,
lay out and tag on every page, and an attribute-less <span> around each text of each measure
cost about a tenth of the report's typesetting time (tests/benchmarks/report.py).
"""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape, format_html

register = template.Library()


def _wrapped(text, content, *, mark: bool):
    if not text.is_fallback:
        return content
    if mark:
        return format_html(
            '<span lang="{}">{}</span> <span class="language-mark">({})</span>',
            text.language,
            content,
            text.language,
        )
    return format_html('<span lang="{}">{}</span>', text.language, content)


@register.filter
def marked(text):
    """A LocalizedText as HTML: in a span with its lang and followed by its language, as in
    "(sv)", when it is not in the report's language."""
    return _wrapped(text, conditional_escape(text.text), mark=True)


@register.filter
def marked_lines(text):
    """As `marked`, its line breaks kept (as linebreaksbr)."""
    return _wrapped(text, linebreaksbr(text.text, autoescape=True), mark=True)


@register.filter
def in_language(text):
    """A LocalizedText as HTML, in a span with its lang when it is not in the report's
    language, without the visible mark."""
    return _wrapped(text, conditional_escape(text.text), mark=False)
