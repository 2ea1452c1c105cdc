"""The API's JSON parser: JSON nested deeper than any request needs is a 400, never a
RecursionError (a 500) in the parser or in the code that reads the data."""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# An entry's JSON is an object of lists: two levels. The margin is for what clients wrap around.
MAX_DEPTH = 16
TOO_DEEP = _("JSON parse error - arrays and objects are nested more than %(limit)s deep.")


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError(TOO_DEEP % {"limit": MAX_DEPTH}) from error
        if _deeper_than(data, MAX_DEPTH):
            raise ParseError(TOO_DEEP % {"limit": MAX_DEPTH})
        return data


def _deeper_than(data, limit: int) -> bool:
    """Whether `data` nests lists and dicts more than `limit` deep (walked without recursion)."""
    level = [data]
    for _depth in range(limit):
        level = [
            child
            for item in level
            if isinstance(item, list | dict)
            for child in (item.values() if isinstance(item, dict) else item)
        ]
        if not any(isinstance(item, list | dict) for item in level):
            return False
    return True
