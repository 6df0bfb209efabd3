"""Canonical JSON, strict base64url, and the value checks the signed documents share.

What is signed is exactly one byte string, and what is read back must be that string: these
functions refuse anything that would let two texts stand for the same document.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from typing import Any

from django.utils.translation import gettext as _

# JCS (RFC 8785) writes numbers as ECMAScript does: exact only for integers up to 2**53 - 1.
LARGEST_EXACT_INTEGER = 2**53 - 1

BASE64URL_PATTERN = re.compile("[A-Za-z0-9_-]*")
DATE_PATTERN = re.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}")


class PayloadInvalid(ValueError):
    """A payload, key set, revocation list or credential that must not be trusted; the message says why."""


def json_value_check(value: Any) -> None:
    """Refuse what canonical JSON cannot carry exactly: floats, huge integers, non-string keys."""
    if isinstance(value, float):
        raise TypeError("Floats have no canonical form here; use strings or integers.")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > LARGEST_EXACT_INTEGER:
        raise TypeError("Integers beyond 2**53 - 1 have no exact JSON form.")
    if isinstance(value, dict):
        for name, item in value.items():
            # Code point order (Python) equals UTF-16 order (JCS) for ASCII names.
            if not isinstance(name, str) or not name.isascii():
                raise TypeError(f"Object names must be ASCII strings, not {name!r}.")
            json_value_check(item)
    elif isinstance(value, list | tuple):
        for item in value:
            json_value_check(item)


def canonical_json(obj: Any) -> bytes:
    """The one byte string a document signs as: sorted names, no spaces, UTF-8 (JCS for our data)."""
    json_value_check(obj)
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def b64url_encode(data: bytes) -> str:
    """Base64url without padding (RFC 4648 section 5)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Strict base64url: alphabet only, no padding, and only the one text that encodes these bytes."""
    if not isinstance(text, str) or not BASE64URL_PATTERN.fullmatch(text) or len(text) % 4 == 1:
        raise PayloadInvalid(_("The data is not valid base64url."))
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    # Unused low bits in the last character would otherwise let several texts decode alike.
    if b64url_encode(data) != text:
        raise PayloadInvalid(_("The data is not valid base64url."))
    return data


def json_strict_loads(data: bytes) -> Any:
    """Parse UTF-8 JSON, refusing duplicate names, floats and NaN (none of which we ever write)."""

    def pairs_to_dict(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            raise PayloadInvalid(_("The data repeats a name."))
        return result

    def refuse(_text: str) -> None:
        raise PayloadInvalid(_("The data contains a number that is not an integer."))

    try:
        return json.loads(
            data.decode("utf-8"), object_pairs_hook=pairs_to_dict, parse_float=refuse, parse_constant=refuse
        )
    except PayloadInvalid:
        raise
    except ValueError as error:
        raise PayloadInvalid(_("The data is not valid UTF-8 JSON.")) from error


def date_check(value: Any, name: str) -> dt.date:
    """A `YYYY-MM-DD` calendar date."""
    if not isinstance(value, str) or not DATE_PATTERN.fullmatch(value):
        raise PayloadInvalid(_("%(name)s must be a date written YYYY-MM-DD.") % {"name": name})
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise PayloadInvalid(_("%(name)s is not a calendar date.") % {"name": name}) from error


def text_check(value: Any, name: str) -> None:
    """A non-blank string."""
    if not isinstance(value, str) or not value.strip():
        raise PayloadInvalid(_("%(name)s must be a non-empty text.") % {"name": name})
