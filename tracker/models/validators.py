from pathlib import Path

import pycountry
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
# Extension -> the first bytes such a file starts with. Office Open XML and OpenDocument files
# are zip archives; plain text has no signature and is checked for being valid UTF-8 instead.
EVIDENCE_SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".ods": (b"PK\x03\x04",),
    ".csv": (),
    ".txt": (),
}


def validate_currency(value: str) -> None:
    if value and pycountry.currencies.get(alpha_3=value) is None:
        raise ValidationError(
            _("%(value)s is not an ISO 4217 currency code (such as SEK, NOK, DKK or EUR)."),
            params={"value": value},
            code="unknown_currency",
        )


def validate_evidence_file(file) -> None:
    """Refuse files that are too large, of a type we do not keep, or not what they claim."""
    if file.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            params={
                "size": filesizeformat(file.size),
                "limit": filesizeformat(EVIDENCE_MAX_BYTES),
            },
            code="file_too_large",
        )
    extension = Path(file.name).suffix.lower()
    if extension not in EVIDENCE_SIGNATURES:
        raise ValidationError(
            _("%(extension)s files are not accepted; use one of: %(allowed)s."),
            params={
                "extension": extension or _("Extension-less"),
                "allowed": ", ".join(sorted(EVIDENCE_SIGNATURES)),
            },
            code="file_type",
        )
    file.seek(0)
    head = file.read(2048)
    file.seek(0)
    signatures = EVIDENCE_SIGNATURES[extension]
    if signatures and not head.startswith(signatures):
        raise ValidationError(
            _("The file's content is not a %(extension)s file."),
            params={"extension": extension},
            code="file_content",
        )
    if not signatures:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character cut at the 2048th byte is still valid text.
            if error.start < len(head) - 3:
                raise ValidationError(
                    _("The file's content is not UTF-8 text."), code="file_content"
                ) from error
