"""What a PDF really draws: for each glyph shown, the embedded font program that draws it and
the text its ToUnicode map claims for it.

`pdftotext` reads the ToUnicode map, which can say "Ł" while the font program draws another
glyph (or none): a check on extracted text cannot see a wrong glyph. `glyph_problems` compares
the two. It handles what WeasyPrint writes: Type0 fonts, Identity-H, TrueType programs
(FontFile2), page content and form XObjects.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from io import BytesIO

from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ByteStringObject, ContentStream, IndirectObject, TextStringObject

HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


@dataclass
class EmbeddedFont:
    """One font resource: its name, its program's cmap and glyph count, and its ToUnicode map."""

    name: str
    cmap: dict[int, str]  # code point -> glyph name, in the embedded program
    glyph_count: int
    to_unicode: dict[int, str]  # glyph id -> text
    glyph_names: list[str]


@dataclass
class GlyphReport:
    problems: list[str] = field(default_factory=list)
    drawn: Counter = field(default_factory=Counter)  # character -> times drawn
    fonts: set[str] = field(default_factory=set)  # names of the fonts that drew something (without subset tag)


def _to_unicode(data: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        values = HEX.findall(block)
        for source, target in zip(values[::2], values[1::2], strict=True):
            mapping[int(source, 16)] = bytes.fromhex(target.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for line in block.strip().splitlines():
            values = HEX.findall(line)
            low, high = int(values[0], 16), int(values[1], 16)
            if b"[" in line:
                targets = [bytes.fromhex(value.decode()).decode("utf-16-be") for value in values[2:]]
            else:
                start = bytes.fromhex(values[2].decode()).decode("utf-16-be")
                targets = [start[:-1] + chr(ord(start[-1]) + offset) for offset in range(high - low + 1)]
            for offset, target in enumerate(targets):
                mapping[low + offset] = target
    return mapping


def _font(resource) -> EmbeddedFont:
    font = resource.get_object()
    name = str(font["/BaseFont"]).lstrip("/")
    assert font["/Subtype"] == "/Type0" and font["/Encoding"] == "/Identity-H", f"{name}: not a Type0 Identity-H font"
    descendant = font["/DescendantFonts"][0].get_object()
    cid_to_gid = descendant.get("/CIDToGIDMap", "/Identity")
    assert cid_to_gid == "/Identity", f"{name}: a CIDToGIDMap other than Identity"
    program = TTFont(BytesIO(descendant["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()))
    return EmbeddedFont(
        name=name.partition("+")[2] or name,
        cmap=program.getBestCmap() or {},
        glyph_count=program["maxp"].numGlyphs,
        to_unicode=_to_unicode(font["/ToUnicode"].get_object().get_data()) if "/ToUnicode" in font else {},
        glyph_names=program.getGlyphOrder(),
    )


def _bytes(item) -> bytes:
    return item.original_bytes if isinstance(item, TextStringObject) else bytes(item)


def _strings(operands, operator: bytes) -> list[bytes]:
    """The strings a text-showing operator draws (TJ's numbers are only adjustments)."""
    if operator == b"TJ":
        return [_bytes(item) for item in operands[0] if isinstance(item, (ByteStringObject, TextStringObject))]
    return [_bytes(operands[-1])]  # Tj and ' take the string; " takes two spacings, then the string


def _walk(reader: PdfReader, content, resources, report: GlyphReport, cache: dict) -> None:
    resources = resources.get_object() if isinstance(resources, IndirectObject) else resources
    fonts = resources.get("/Font", {}) if resources else {}
    xobjects = resources.get("/XObject", {}) if resources else {}
    current: EmbeddedFont | None = None
    for operands, operator in ContentStream(content, reader).operations:
        if operator == b"Tf":
            reference = fonts[operands[0]]
            key = reference.idnum if isinstance(reference, IndirectObject) else id(reference)
            if key not in cache:
                cache[key] = _font(reference)
            current = cache[key]
        elif operator in (b"Tj", b"TJ", b"'", b'"'):
            assert current is not None, "text drawn before any font was chosen"
            report.fonts.add(current.name)
            for string in _strings(operands, operator):
                for index in range(0, len(string), 2):
                    _glyph_check(current, int.from_bytes(string[index : index + 2], "big"), report)
        elif operator == b"Do":
            xobject = xobjects[operands[0]].get_object()
            if xobject.get("/Subtype") == "/Form":
                _walk(reader, xobject, xobject.get("/Resources"), report, cache)


def _glyph_check(font: EmbeddedFont, glyph: int, report: GlyphReport) -> None:
    text = font.to_unicode.get(glyph, "")
    if glyph == 0 or glyph >= font.glyph_count:
        report.problems.append(f"{font.name}: glyph {glyph} ({text!r}) is .notdef or not in the font")
        return
    for character in text:
        if character.isspace():
            continue
        report.drawn[character] += 1
        if ord(character) not in font.cmap:
            report.problems.append(
                f"{font.name}: draws {character!r} (U+{ord(character):04X}) but has no such character"
            )
    if len(text) == 1 and not text.isspace() and ord(text) in font.cmap:
        expected, drawn = font.cmap[ord(text)], font.glyph_names[glyph]
        if drawn != expected and not drawn.startswith(expected + "."):  # a variant of the same letter is fine
            report.problems.append(
                f"{font.name}: {text!r} (U+{ord(text):04X}) drawn as glyph {drawn!r}, the font's is {expected!r}"
            )


def glyph_report(data: bytes) -> GlyphReport:
    """Every glyph the PDF draws, checked against the embedded font program that draws it."""
    reader = PdfReader(BytesIO(data))
    report = GlyphReport()
    cache: dict = {}
    for page in reader.pages:
        _walk(reader, page.get_contents(), page.get("/Resources"), report, cache)
    return report
