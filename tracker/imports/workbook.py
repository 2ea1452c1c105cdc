"""A workbook checked before openpyxl reads it, so that a small upload cannot unpack into
gigabytes or keep a worker busy for minutes.

An XLSX file is a zip of XML parts. The zip's directory gives every part's unpacked size, which
is checked first (the number of parts, their total, how much each one is compressed); then the
sheets, the table of texts they share and the other XML parts are read once through a streaming
XML parser, in chunks and never whole, counting rows, cells, characters and elements, and
stopping at the first limit passed. Only a workbook within every limit reaches openpyxl, whose
memory and time are then bounded by those limits. A part that unpacks to more than the
directory says is refused as damaged (see _chunks).
"""

import re
import zipfile
import zlib
from dataclasses import dataclass
from xml.parsers import expat

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl.utils import column_index_from_string, get_column_letter

MAX_PARTS = 1000
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
# Parts other than the sheets and their texts (styles, relationships, the workbook's list of
# sheets) are small; openpyxl reads them whole.
MAX_OTHER_PART_BYTES = 5 * 1024 * 1024
# A part compressed more than this is a zip bomb, not a spreadsheet; below the floor, whatever
# its ratio, a part is too small to matter.
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 1024 * 1024
MAX_ELEMENTS = 1_000_000
CHUNK_BYTES = 64 * 1024
CELL_REFERENCE = re.compile(r"^([A-Z]{1,3})([0-9]+)$")


class Refusal(Exception):
    """The workbook is refused; the message says why and names the limit."""


@dataclass(frozen=True)
class Limits:
    # The rows a sheet may extend to (the header, the measures and blank rows between them).
    rows: int
    columns: int
    cell_characters: int
    # The XML elements a part may have (a sheet has about two a cell).
    elements: int = MAX_ELEMENTS


def check_workbook(source, *, limits: Limits) -> None:
    """Refuse (raise Refusal) a workbook that would take more memory or time than `limits`
    allow; `source` is the file's content as a file object."""
    try:
        with zipfile.ZipFile(source) as archive:
            parts = archive.infolist()
            _check_directory(parts)
            # The texts the sheets share first, so that a cell whose shared text is too long
            # can be named.
            long_texts: set[int] = set()
            sheet_read = False
            for part in sorted(
                parts, key=lambda part: "sharedstrings" not in part.filename.lower()
            ):
                if part.filename.endswith((".xml", ".rels")):
                    scan = _Scan(part.filename, limits, long_texts, after_sheets=sheet_read)
                    scan.read(_chunks(archive, part))
                    sheet_read = sheet_read or scan.root == "worksheet"
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
        raise Refusal(
            _("The workbook could not be read (%(error)s). Save it again from Excel as .xlsx.")
            % {"error": type(error).__name__}
        ) from error


def _check_directory(parts: list[zipfile.ZipInfo]) -> None:
    if len(parts) > MAX_PARTS:
        raise Refusal(
            _("The workbook has %(count)s parts; an Excel workbook has at most %(limit)s.")
            % {"count": f"{len(parts):,}", "limit": f"{MAX_PARTS:,}"}
        )
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise Refusal(
            _(
                "The workbook unpacks to %(size)s; the limit is %(limit)s. Split it into "
                "smaller files."
            )
            % {"size": filesizeformat(unpacked), "limit": filesizeformat(MAX_UNPACKED_BYTES)}
        )
    for part in parts:
        if part.file_size > RATIO_FLOOR_BYTES and part.file_size > MAX_RATIO * max(
            part.compress_size, 1
        ):
            raise Refusal(
                _(
                    "The workbook's part %(part)s is compressed more than %(limit)s times, "
                    "which no spreadsheet is: the file is refused."
                )
                % {"part": part.filename, "limit": MAX_RATIO}
            )


def _chunks(archive: zipfile.ZipFile, part: zipfile.ZipInfo):
    """The part's unpacked bytes, a chunk at a time. zipfile's reader is bounded: it stops at
    the size the directory gives and then checks the part's CRC, so a part that unpacks to more
    than its directory says ends in BadZipFile, never in more bytes."""
    with archive.open(part) as stream:
        while chunk := stream.read(CHUNK_BYTES):
            yield chunk


class _Scan:
    """One XML part read by expat, counting what openpyxl would have to hold."""

    def __init__(self, name: str, limits: Limits, long_texts: set[int], *, after_sheets: bool):
        self.name = name
        self.limits = limits
        # The numbers of the shared texts too long for a cell, and whether the sheets that
        # might show them were read before them.
        self.long_texts = long_texts
        self.after_sheets = after_sheets
        self.shared = False
        self.value = []
        self.root = None
        self.elements = 0
        self.row = self.rows = self.column = self.cells = 0
        self.texts = 0
        self.in_text = False
        self.characters = 0
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._text

    def read(self, chunks) -> None:
        size = 0
        try:
            for chunk in chunks:
                size += len(chunk)
                if self.root not in ("worksheet", "sst") and size > MAX_OTHER_PART_BYTES:
                    raise Refusal(
                        _("The workbook's part %(part)s is larger than %(limit)s.")
                        % {"part": self.name, "limit": filesizeformat(MAX_OTHER_PART_BYTES)}
                    )
                self.parser.Parse(chunk, False)
            self.parser.Parse(b"", True)
        except expat.ExpatError as error:
            raise Refusal(
                _("The workbook is damaged: its part %(part)s is not XML (%(error)s).")
                % {"part": self.name, "error": error}
            ) from error

    def _doctype(self, *args) -> None:
        raise Refusal(
            _("The workbook's part %(part)s declares a document type, which Excel never does.")
            % {"part": self.name}
        )

    def _start(self, name: str, attributes: dict) -> None:
        tag = name.rsplit(" ", 1)[-1]
        self.elements += 1
        if self.root is None:
            self.root = tag
        if self.elements > self.limits.elements:
            raise Refusal(
                _("The workbook's part %(part)s has more than %(limit)s XML elements.")
                % {"part": self.name, "limit": f"{self.limits.elements:,}"}
            )
        if self.root == "worksheet" and tag == "row":
            self._row(attributes.get("r"))
        elif self.root == "worksheet" and tag == "c":
            self._cell(attributes.get("r"))
            self.shared = attributes.get("t") == "s"
            self.value = []
        elif self.root == "sst" and tag == "si":
            self._shared_text()

    def _end(self, name: str) -> None:
        tag = name.rsplit(" ", 1)[-1]
        if self.root == "worksheet" and tag == "c":
            self.in_text = False
            index = "".join(self.value).strip()
            if self.shared and index.isdigit() and int(index) in self.long_texts:
                raise Refusal(self._cell_too_long())
        elif self.root == "sst" and tag == "si":
            self.in_text = False
            if self.characters > self.limits.cell_characters:
                if self.after_sheets:
                    raise Refusal(self._text_too_long())
                self.long_texts.add(self.texts - 1)

    def _text(self, data: str) -> None:
        if not self.in_text:
            return
        self.characters += len(data)
        if self.root != "worksheet":
            return
        if self.characters > self.limits.cell_characters:
            raise Refusal(self._cell_too_long())
        if self.shared:
            self.value.append(data)

    def _row(self, number: str | None) -> None:
        self.rows += 1
        self.row = int(number) if number and number.isdigit() else self.row + 1
        self.column = self.cells = 0
        if max(self.row, self.rows) > self.limits.rows:
            raise Refusal(
                _(
                    "The sheet goes on below row %(limit)s; the import reads at most %(limit)s "
                    "rows. Delete the rows below the measures, or split the file."
                )
                % {"limit": f"{self.limits.rows:,}"}
            )

    def _cell(self, reference: str | None) -> None:
        self.cells += 1
        match = CELL_REFERENCE.match(reference or "")
        self.column = column_index_from_string(match.group(1)) if match else self.column + 1
        if max(self.column, self.cells) > self.limits.columns:
            raise Refusal(
                _(
                    "Row %(row)s has cells beyond column %(limit)s; the import reads at most "
                    "%(limit)s columns. Delete the columns to the right of the measures."
                )
                % {"row": f"{self.row:,}", "limit": self.limits.columns}
            )
        self.in_text = True
        self.characters = 0

    def _shared_text(self) -> None:
        self.texts += 1
        if self.texts > self.limits.rows * self.limits.columns:
            raise Refusal(
                _("The workbook holds more than %(limit)s texts, more than its cells can show.")
                % {"limit": f"{self.limits.rows * self.limits.columns:,}"}
            )
        self.in_text = True
        self.characters = 0

    def _text_too_long(self) -> str:
        return _(
            "The workbook holds a text of more than %(limit)s characters; a cell may hold "
            "at most %(limit)s."
        ) % {"limit": f"{self.limits.cell_characters:,}"}

    def _cell_too_long(self) -> str:
        return _(
            "Cell %(cell)s has more than %(limit)s characters; a cell may hold at most %(limit)s."
        ) % {
            "cell": f"{get_column_letter(self.column)}{self.row}",
            "limit": f"{self.limits.cell_characters:,}",
        }
