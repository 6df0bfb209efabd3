"""The signed revocation list published at /.well-known/ocam-certificate-revocations.json."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.utils.translation import gettext as _

from certificates.codes import code_normalise
from certificates.signing.encoding import PayloadInvalid, b64url_encode, canonical_json, date_check
from certificates.signing.keys import key_for_kid, public_keys, signature_check, signature_decode, signing_key

REVOCATIONS_FORMAT = "ocam-revocations-1"
REVOCATION_STATUSES = ("revoked", "superseded")
REVOCATION_ENTRY_NAMES = frozenset({"c", "status", "at"})
REVOCATIONS_NAMES = frozenset({"format", "issued_at", "kid", "entries", "sig"})


def revocation_entry_check(entry: Any) -> dict:
    """One `{"c", "status", "at"}` entry, copied."""
    if not isinstance(entry, dict) or set(entry) != REVOCATION_ENTRY_NAMES:
        raise PayloadInvalid(_("Each revocation entry must have exactly c, status and at."))
    if not isinstance(entry["c"], str) or code_normalise(entry["c"]) != entry["c"]:
        raise PayloadInvalid(_("A revocation entry has a code that is not in canonical form."))
    if entry["status"] not in REVOCATION_STATUSES:
        raise PayloadInvalid(_("A revocation entry's status must be revoked or superseded."))
    date_check(entry["at"], "at")
    return dict(entry)


def revocation_entries_check(entries: Any) -> list[dict]:
    """The entries, each checked, one per code."""
    if not isinstance(entries, list):
        raise PayloadInvalid(_("The revocation entries must be a list."))
    checked = [revocation_entry_check(entry) for entry in entries]
    if len({entry["c"] for entry in checked}) != len(checked):
        raise PayloadInvalid(_("The revocation list names a certificate twice."))
    return checked


def issued_at_check(value: Any) -> None:
    """An ISO 8601 date and time with its offset from UTC."""
    try:
        moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise PayloadInvalid(_("issued_at must be an ISO 8601 date and time with a UTC offset."))


def revocations_sign(entries: list[dict], *, issued_at: str) -> dict:
    """The signed revocation list published at /.well-known/ocam-certificate-revocations.json."""
    checked = sorted(revocation_entries_check(list(entries)), key=lambda entry: entry["c"])
    issued_at_check(issued_at)
    kid, key = signing_key()
    doc = {"format": REVOCATIONS_FORMAT, "issued_at": issued_at, "kid": kid, "entries": checked}
    return {**doc, "sig": b64url_encode(key.sign(canonical_json(doc)))}


def revocations_verify(doc: dict, keys: dict[str, Ed25519PublicKey] | None = None) -> dict[str, dict]:
    """Code -> entry of a genuine revocation list; PayloadInvalid if it was altered or is not one."""
    keys = public_keys() if keys is None else keys
    if not isinstance(doc, dict) or set(doc) != REVOCATIONS_NAMES or doc["format"] != REVOCATIONS_FORMAT:
        raise PayloadInvalid(_("This is not an OCAM revocation list."))
    public_key = key_for_kid(doc["kid"], keys)
    signature = signature_decode(doc["sig"])
    try:
        message = canonical_json({name: value for name, value in doc.items() if name != "sig"})
    except (TypeError, ValueError) as error:
        raise PayloadInvalid(_("The revocation list holds values that have no canonical form.")) from error
    signature_check(public_key, signature, message)
    issued_at_check(doc["issued_at"])
    return {entry["c"]: entry for entry in revocation_entries_check(doc["entries"])}
