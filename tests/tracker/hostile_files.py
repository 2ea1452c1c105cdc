"""Hostile spreadsheets built byte by byte, for tests/tracker/test_import_limits.py: a zip whose
parts are deflate streams of a repeated chunk (compressed once, then repeated), so that a part
of a gigabyte costs a megabyte and a fraction of a second to make."""

import io
import struct
import zlib

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
PACKAGE_RELATIONSHIPS = f"""<Relationships xmlns="{RELATIONSHIPS}"><Relationship Id="rId1"
 Type="{OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
WORKBOOK = f"""<workbook xmlns="{MAIN}" xmlns:r="{OFFICE}"><sheets>
<sheet name="Measures" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELATIONSHIPS = f"""<Relationships xmlns="{RELATIONSHIPS}">
<Relationship Id="rId1" Type="{OFFICE}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{OFFICE}/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
HEADER_ROW = '<row r="1">{}</row>'.format(
    "".join(
        f'<c r="{letter}1" t="inlineStr"><is><t>{name}</t></is></c>'
        for letter, name in zip(
            "ABCDEF",
            ("title", "description", "language", "objectives", "kind", "status"),
            strict=True,
        )
    )
)
GOOD_ROW = (
    '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="inlineStr"><is><t>Kurser</t></is></c>'
    '<c r="C2" t="inlineStr"><is><t>sv</t></is></c><c r="D2"><v>16</v></c>'
    '<c r="E2" t="inlineStr"><is><t>programme</t></is></c>'
    '<c r="F2" t="inlineStr"><is><t>ongoing</t></is></c></row>'
)
MEBIBYTE = 1024 * 1024


def _deflated(pieces) -> tuple[bytes, int, int]:
    """The raw deflate stream, CRC and size of the text `pieces` make: each piece a text and
    how many times it repeats, compressed once and then repeated (a full flush after each copy
    makes the copies independent, so their compressed bytes are the same)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream, crc, size = [], 0, 0
    for text, count in pieces:
        chunk = text.encode()
        stream.append((compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)) * count)
        for _copy in range(count):
            crc = zlib.crc32(chunk, crc)
        size += len(chunk) * count
    stream.append(compressor.flush())
    return b"".join(stream), crc, size


def zip_of(parts: dict, declared_sizes: dict | None = None) -> bytes:
    """A zip of `parts` (name: pieces), each deflated; `declared_sizes` lies about some."""
    out = io.BytesIO()
    directory = []
    for name, pieces in parts.items():
        data, crc, size = _deflated(pieces)
        size = (declared_sizes or {}).get(name, size)
        encoded = name.encode()
        offset = out.tell()
        sizes = (crc, len(data), size, len(encoded), 0)
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, *sizes) + encoded + data)
        directory.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, *sizes, 0, 0, 0, 0, offset
            )
            + encoded
        )
    start = out.tell()
    listing = b"".join(directory)
    out.write(listing)
    out.write(
        struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(listing), start, 0)
    )
    return out.getvalue()


def workbook(sheet_rows, shared_texts=(("<si><t>Språkkurs</t></si>", 1),), **lies) -> bytes:
    sheet = [(f'<worksheet xmlns="{MAIN}"><sheetData>{HEADER_ROW}', 1), *sheet_rows]
    return zip_of(
        {
            "[Content_Types].xml": [(CONTENT_TYPES, 1)],
            "_rels/.rels": [(PACKAGE_RELATIONSHIPS, 1)],
            "xl/workbook.xml": [(WORKBOOK, 1)],
            "xl/_rels/workbook.xml.rels": [(WORKBOOK_RELATIONSHIPS, 1)],
            "xl/worksheets/sheet1.xml": [*sheet, ("</sheetData></worksheet>", 1)],
            "xl/sharedStrings.xml": [(f'<sst xmlns="{MAIN}">', 1), *shared_texts, ("</sst>", 1)],
        },
        lies,
    )


def one_cell_of_a_gibibyte() -> bytes:
    return workbook(
        [
            ('<row r="2"><c r="A2" t="inlineStr"><is><t>', 1),
            ("A" * MEBIBYTE, 1024),
            ("</t></is></c></row>", 1),
        ]
    )


def a_million_rows_without_dimension() -> bytes:
    return workbook([("<row><c><v>1</v></c></row>" * 40_000, 25)])


def a_row_of_three_million_cells() -> bytes:
    return workbook([('<row r="2">', 1), ("<c><v>1</v></c>" * 100_000, 30), ("</row>", 1)])


def texts_of_630_megabytes(**lies) -> bytes:
    return workbook(
        [(GOOD_ROW, 1)], shared_texts=[("<si><t>Språkkurs</t></si>" * 40_000, 630)], **lies
    )


def texts_of_630_megabytes_said_to_be_one() -> bytes:
    return texts_of_630_megabytes(**{"xl/sharedStrings.xml": MEBIBYTE})


def a_csv_row_of_three_million_cells() -> bytes:
    return b"title;description;language;objectives;kind;status\n" + b"1;" * 1_500_000


def a_csv_cell_of_a_hundred_thousand_characters() -> bytes:
    return b"title;description;language;objectives;kind;status\n" + b"A" * 100_000 + b";x\n"
