"""The checksum of a report's input data: equal data give equal checksums, whatever the order
of the rows in the database or the moment of the build."""

import dataclasses
import hashlib
import json
from datetime import date, datetime

from compact.languages import LocalizedText
from reports.models import RoundTableNarrative
from reports.review.document.data import ReportData
from tracker.models import ReviewCycle


def _plain(value):
    if isinstance(value, ReviewCycle):
        return [
            value.slug,
            value.name,
            value.period_start.isoformat(),
            value.period_end.isoformat(),
        ]
    if isinstance(value, RoundTableNarrative):
        return [value.progress, value.challenges, value.next_steps]
    if isinstance(value, LocalizedText):
        return [value.text, value.language]
    if dataclasses.is_dataclass(value):
        return {item.name: _plain(getattr(value, item.name)) for item in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def input_checksum(data: ReportData) -> str:
    """SHA-256 (hex) of the report's data in a canonical JSON form."""
    encoded = json.dumps(_plain(data), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode()).hexdigest()
