"""Template helpers that show a Compact text in the reader's language, or mark the stand-in."""

from django import template

from compact.common.language import reader_language

register = template.Library()


@register.simple_tag
def localized(instance, field: str):
    """The LocalizedText of `field` in the active language, or the closest language that has it."""
    return instance.localized(field, reader_language())


@register.inclusion_tag("compact/_fallback_note.html")
def fallback_note(text):
    """Say that `text` is shown in another language because the chosen one lacks it."""
    return {"text": text}
