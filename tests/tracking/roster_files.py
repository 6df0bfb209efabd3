"""Roster files built in memory (CSV and XLSX bytes from rows of cells), read into a plan, or
uploaded to a focal point's roster page."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterable, Sequence

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from tests.people.factories import country
from tracking.roster.planning import roster_plan
from tracking.roster.plans import RosterPlan, RowError

HEADER = ("email", "full_name", "authority", "duty_post", "job_function", "staff_number", "language")


def roster_row(n: int, **cells: str) -> dict[str, str]:
    """A valid Guatemalan row for person `n`; `cells` override columns."""
    row = {
        "email": f"agente{n}@igm.gob.gt",
        "full_name": f"María José Pérez {n}",
        "authority": "gt-igm",
        "duty_post": "GT-TUM",
        "job_function": "border_officer",
        "staff_number": f"E{n:05d}",
        "language": "es",
    }
    row.update(cells)
    return row


def csv_bytes(
    rows: Iterable[dict[str, str]],
    *,
    header: Sequence[str] = HEADER,
    keys: Sequence[str] = HEADER,
    delimiter: str = ",",
    encoding: str = "utf-8",
    bom: bool = False,
) -> bytes:
    """A CSV file: `header` as typed, then each row's cells for `keys`."""
    lines = [delimiter.join(header)]
    for row in rows:
        lines.append(delimiter.join(_quoted(row.get(key, ""), delimiter) for key in keys))
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    return b"\xef\xbb\xbf" + data if bom else data


def xlsx_bytes(rows: Iterable[Sequence[object]], *, header: Sequence[str] = HEADER) -> bytes:
    """An XLSX workbook whose first sheet holds `header` then `rows`; a str starting with = is a formula."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_row(row: dict[str, str]) -> list[str]:
    return [row.get(key, "") for key in HEADER]


def _quoted(value: str, delimiter: str) -> str:
    if any(c in value for c in (delimiter, '"', "\n")):
        return '"' + value.replace('"', '""') + '"'
    return value


def zip_bytes(parts: Sequence[tuple[str, bytes]], *, stored: Sequence[str] = ()) -> bytes:
    """A ZIP archive of these parts, in order; the names in `stored` are not compressed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def with_declared_size(archive: bytes, part: str, size: int) -> bytes:
    """The archive with the uncompressed size its directory (and local header) declares for `part` replaced."""
    data = bytearray(archive)
    name = part.encode()
    # (signature, offset of the uncompressed size, of the name's length, of the name): APPNOTE 4.3.7 and 4.3.12.
    for signature, size_at, length_at, name_at in ((b"PK\x01\x02", 24, 28, 46), (b"PK\x03\x04", 22, 26, 30)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            (length,) = struct.unpack_from("<H", data, start + length_at)
            if data[start + name_at : start + name_at + length] == name:
                struct.pack_into("<I", data, start + size_at, size)
            start += 4
    return bytes(data)


def plan_of(data: bytes, name: str = "personal.csv", iso3: str = "GTM") -> RosterPlan:
    return roster_plan(country=country(iso3), name=name, data=data)


def texts(messages) -> list[str]:
    return [str(message) for message in messages]


def errors_of(plan: RosterPlan) -> list[tuple[int, str | None]]:
    return [(error.row, error.column) for error in plan.errors]


def only_error(plan: RosterPlan) -> RowError:
    assert len(plan.errors) == 1, plan.errors
    return plan.errors[0]


def upload(client: Client, data: bytes, name: str = "personal.csv"):
    return client.post(reverse("tracking:roster", args=["GT"]), {"file": SimpleUploadedFile(name, data)})
