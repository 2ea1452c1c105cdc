"""Reading the pages as a user does: the messages, a field's errors, the text."""

import re
from html import unescape

from compact.models import Action, Objective


def html(response) -> str:
    return response.content.decode()


def text(response) -> str:
    """The page's visible text with whitespace collapsed."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", html(response), flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def field_errors(response, field: str) -> str:
    """The error list the page shows on a field (the one its input's aria-describedby
    points at), as text; empty if the field has none."""
    match = re.search(
        rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', html(response), re.S
    )
    return unescape(re.sub(r"<[^>]+>", " ", match.group(1))).strip() if match else ""


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


def objective_ids(*numbers) -> list[int]:
    return list(Objective.objects.filter(number__in=numbers).values_list("pk", flat=True))


def action_ids(*codes) -> list[int]:
    """Actions named like "2a" (objective 2, action a)."""
    return [
        Action.objects.get(objective__number=int(code[:-1]), letter=code[-1]).pk for code in codes
    ]
