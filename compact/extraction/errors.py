"""The error every extraction failure raises, and how it names the place that failed."""


class ExtractionError(Exception):
    """A source document does not yield the Compact's data, or the data fails a check."""


def where(objective: int, letter: str | None = None, language: str | None = None) -> str:
    """Name a place in the Compact the way the messages do: "objective 4, action c (nb)"."""
    place = f"objective {objective}"
    if letter:
        place += f", action {letter}"
    if language:
        place += f" ({language})"
    return place
