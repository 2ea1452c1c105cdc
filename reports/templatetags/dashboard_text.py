"""Template helpers of the dashboards: a review cycle's name in the reader's language, or in
the closest one that has it with its lang attribute and a visible mark (as the Compact's
texts are shown)."""

from django import template
from django.utils.html import format_html

from compact.common.language import reader_language

register = template.Library()


@register.filter
def cycle_name(cycle):
    """The cycle's name as HTML: marked with its language when not the reader's."""
    if cycle is None:
        return ""
    name = cycle.name_in(reader_language())
    if not name.is_fallback:
        return name.text
    return format_html(
        '<span lang="{}">{}</span> <span class="fallback-note">({})</span>',
        name.language,
        name.text,
        name.language_name,
    )


@register.filter
def cycle_label(cycle) -> str:
    """The cycle's name as plain text, for a form's option."""
    return "" if cycle is None else cycle.name_in(reader_language()).text
