"""What an uploaded roster file is, judged by its bytes, and whether an XLSX workbook may be opened.

Invariants:
- `content_kind` names a file by its content, never by its name: magic numbers (`filetype`), the
  ZIP central directory for Office Open XML, OpenDocument and plain ZIP archives, and the OLE2
  header for Office 97-2003 files. Text that merely starts like a weak signature ("MZ...") stays text;
- `xlsx_archive_check` reads the ZIP central directory only (number of parts, each part's declared
  size and compression ratio, the total declared size) and refuses a decompression bomb before
  any part is opened; then it streams every part through a byte counter, so that an archive whose
  directory understates its parts is refused as well, before openpyxl reads anything.
"""

from __future__ import annotations

import codecs
import io
import zipfile
import zlib
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from filetype.types.archive import Epub
from filetype.types.document import Odp, Ods, Odt

MIB = 1024 * 1024
DEFAULT_XLSX_MAX_UNPACKED_BYTES = 64 * MIB
DEFAULT_XLSX_MAX_PART_BYTES = 32 * MIB
DEFAULT_XLSX_MAX_RATIO = 100
DEFAULT_XLSX_MAX_PARTS = 200
# A part smaller than this cannot hold a bomb, whatever its ratio (empty XML compresses very well).
RATIO_FLOOR_BYTES = MIB
STREAM_CHUNK = 64 * 1024
SNIFF_BYTES = 8192

XLSX, TEXT, OTHER = "xlsx", "text", "other"

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MACH_O_SIGNATURES = (b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe")
UNIVERSAL_BINARY_SIGNATURE = b"\xca\xfe\xba\xbe"
# Signatures made of printable text: a file that starts with them and is otherwise text is still this type.
TEXT_SIGNATURES = ("pdf", "rtf", "ps")


class RosterFileRefused(ValidationError):
    """The uploaded file is refused before it is read: empty, too large, of another type or binary."""


@dataclass(frozen=True)
class ContentKind:
    kind: str  # XLSX, TEXT or OTHER
    description: str = ""  # for OTHER: what the file is, e.g. "a PDF document"


def _is_text(sample: bytes) -> bool:
    """UTF-8 text without NUL or other control characters than tab and line breaks (a cut last character is fine)."""
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return not any(ord(character) < 32 and character not in "\t\n\r\f" for character in text)


def _zip_names(data: bytes) -> list[str] | None:
    """The names in a ZIP archive's central directory (no part is opened), or None if it is not a ZIP."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None


def _zip_description(data: bytes, names: list[str]) -> ContentKind:
    present = set(names)
    if "xl/workbook.xml" in present:
        return ContentKind(XLSX)
    if "word/document.xml" in present:
        return ContentKind(OTHER, _("a Word document (.docx)"))
    if "ppt/presentation.xml" in present:
        return ContentKind(OTHER, _("a PowerPoint presentation (.pptx)"))
    if "mimetype" in present:
        for matcher, description in (
            (Ods(), _("an OpenDocument spreadsheet (.ods)")),
            (Odt(), _("an OpenDocument text document (.odt)")),
            (Odp(), _("an OpenDocument presentation (.odp)")),
            (Epub(), _("an e-book (EPUB)")),
        ):
            if matcher.match(bytearray(data[:SNIFF_BYTES])):
                return ContentKind(OTHER, description)
        return ContentKind(OTHER, _("an OpenDocument file"))
    if "[Content_Types].xml" in present:
        return ContentKind(OTHER, _("an Office document that is not an Excel workbook"))
    return ContentKind(OTHER, _("a ZIP archive"))


def _ole2_description(data: bytes) -> str:
    """Office 97-2003 files share one container; its directory names the main stream (UTF-16)."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return _("a password-protected Office file (remove the password in Excel and save it again)")
    if "Workbook".encode("utf-16-le") in data or "Book\x00".encode("utf-16-le") in data:
        return _("an Excel 97-2003 workbook (.xls)")
    if "WordDocument".encode("utf-16-le") in data:
        return _("a Word 97-2003 document (.doc)")
    if "PowerPoint Document".encode("utf-16-le") in data:
        return _("a PowerPoint 97-2003 presentation (.ppt)")
    return _("a Microsoft Office 97-2003 file")


def _signature_description(kind) -> str:
    extension = kind.extension
    names = {
        "pdf": _("a PDF document"),
        "zip": _("a ZIP archive"),
        "exe": _("a program (Windows executable)"),
        "elf": _("a program (Linux executable)"),
        "gz": _("a gzip archive"),
        "7z": _("a 7-Zip archive"),
        "rar": _("a RAR archive"),
        "bz2": _("a bzip2 archive"),
        "xz": _("an XZ archive"),
        "zst": _("a Zstandard archive"),
        "tar": _("a TAR archive"),
        "cab": _("a Windows cabinet archive"),
        "rtf": _("an RTF document"),
        "ps": _("a PostScript document"),
        "sqlite": _("an SQLite database"),
    }
    if extension in names:
        return names[extension]
    mime = kind.mime or ""
    if mime.startswith("image/"):
        return _("an image (%(format)s)") % {"format": extension.upper()}
    if mime.startswith("audio/"):
        return _("an audio file (%(format)s)") % {"format": extension.upper()}
    if mime.startswith("video/"):
        return _("a video (%(format)s)") % {"format": extension.upper()}
    if mime.startswith("font/") or extension in ("woff", "woff2", "ttf", "otf", "eot"):
        return _("a font file (%(format)s)") % {"format": extension.upper()}
    return _("a file of another type (%(format)s)") % {"format": extension.upper()}


def content_kind(data: bytes) -> ContentKind:
    """XLSX, text (a CSV candidate), or another type named for the reader; reads no part of an archive."""
    sample = data[:SNIFF_BYTES]
    if sample.startswith(b"PK"):
        names = _zip_names(data)
        if names is not None:
            return _zip_description(data, names)
        if sample.startswith(b"PK\x03\x04"):
            return ContentKind(OTHER)  # a damaged or truncated ZIP: binary, of no nameable type
    if sample.startswith(OLE2_SIGNATURE):
        return ContentKind(OTHER, _ole2_description(data))
    if sample.startswith(MACH_O_SIGNATURES):
        return ContentKind(OTHER, _("a program (macOS executable)"))
    if sample.startswith(UNIVERSAL_BINARY_SIGNATURE):
        return ContentKind(OTHER, _("a program (macOS universal binary or Java class)"))
    is_text = _is_text(sample)
    kind = filetype.guess(bytearray(sample))
    if kind is not None and (not is_text or kind.extension in TEXT_SIGNATURES):
        return ContentKind(OTHER, _signature_description(kind))
    # Text in another encoding than UTF-8 is still text: the CSV reader names its first bad row.
    return ContentKind(TEXT if is_text or b"\x00" not in sample else OTHER)


# XLSX decompression limits ----------------------------------------------------------------------


@dataclass(frozen=True)
class XlsxLimits:
    unpacked_bytes: int
    part_bytes: int
    ratio: int
    parts: int

    @classmethod
    def from_settings(cls) -> XlsxLimits:
        return cls(
            unpacked_bytes=getattr(
                settings, "TRACKING_ROSTER_XLSX_MAX_UNPACKED_BYTES", DEFAULT_XLSX_MAX_UNPACKED_BYTES
            ),
            part_bytes=getattr(settings, "TRACKING_ROSTER_XLSX_MAX_PART_BYTES", DEFAULT_XLSX_MAX_PART_BYTES),
            ratio=getattr(settings, "TRACKING_ROSTER_XLSX_MAX_RATIO", DEFAULT_XLSX_MAX_RATIO),
            parts=getattr(settings, "TRACKING_ROSTER_XLSX_MAX_PARTS", DEFAULT_XLSX_MAX_PARTS),
        )


def megabytes(size: int) -> str:
    value = size / MIB
    return number_format(value, decimal_pos=0 if value.is_integer() else 1)


def _unpacks_too_large(limit: int) -> RosterFileRefused:
    """A workbook, or one of its parts, that unpacks beyond `limit` bytes."""
    return RosterFileRefused(
        _(
            "This workbook unpacks to more than %(limit)s MB, far more than a staff roster needs. "
            "Copy the rows with data into a new workbook and save it again, or save it as “CSV UTF-8”."
        )
        % {"limit": megabytes(limit)},
        code="unpacked_too_large",
    )


def _damaged() -> RosterFileRefused:
    return RosterFileRefused(
        _(
            "The XLSX file is damaged (its contents do not match its table of contents); "
            "open it in Excel and save it again."
        ),
        code="damaged",
    )


def xlsx_archive_check(data: bytes, limits: XlsxLimits | None = None) -> None:
    """Refuse an XLSX whose parts would unpack beyond the limits: first by its directory, then by streaming."""
    limits = limits or XlsxLimits.from_settings()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _damaged() from None
    with archive:
        parts = archive.infolist()
        if len(parts) > limits.parts:
            raise RosterFileRefused(
                ngettext(
                    "This workbook holds more than %(limit)s part; a staff roster needs far fewer. "
                    "Copy the rows into a new workbook and save it again.",
                    "This workbook holds more than %(limit)s parts; a staff roster needs far fewer. "
                    "Copy the rows into a new workbook and save it again.",
                    limits.parts,
                )
                % {"limit": number_format(limits.parts)},
                code="too_many_parts",
            )
        declared = 0
        for part in parts:
            declared += part.file_size
            if part.file_size > limits.part_bytes:
                raise _unpacks_too_large(limits.part_bytes)
            if declared > limits.unpacked_bytes:
                raise _unpacks_too_large(limits.unpacked_bytes)
            if part.flag_bits & 0x1:
                raise RosterFileRefused(
                    _("This workbook is protected with a password; remove the password in Excel and save it again."),
                    code="encrypted",
                )
            if part.file_size > RATIO_FLOOR_BYTES and part.file_size > limits.ratio * max(part.compress_size, 1):
                raise RosterFileRefused(
                    _(
                        "This workbook is compressed more than %(ratio)s to 1, far beyond any staff roster; it may "
                        "have been built to overload the platform. Copy the rows into a new workbook and save it again."
                    )
                    % {"ratio": number_format(limits.ratio)},
                    code="compression_ratio",
                )
        # The directory may understate what a part unpacks to: count the bytes as they come out.
        unpacked = 0
        for part in parts:
            part_unpacked = 0
            try:
                with archive.open(part) as stream:
                    while chunk := stream.read(STREAM_CHUNK):
                        part_unpacked += len(chunk)
                        unpacked += len(chunk)
                        if part_unpacked > part.file_size:
                            raise _damaged()
                        if part_unpacked > limits.part_bytes:
                            raise _unpacks_too_large(limits.part_bytes)
                        if unpacked > limits.unpacked_bytes:
                            raise _unpacks_too_large(limits.unpacked_bytes)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError):
                raise _damaged() from None
