"""`manage.py certificate_verify SOURCE [--keys JWKS.json] [--revocations REVOCATIONS.json]
[--evidence EVIDENCE.json] [--today YYYY-MM-DD]`.

Checks a certificate offline, as a third-party verifier would: SOURCE is the signed payload,
the verification URL of the QR code (payload after '#'), a text file holding either, or the
certificate's PDF. Prints the status and what the certificate says, the digest of its evidence
(the exercises passed) included; exits 0 only for a valid certificate, and with a CommandError
naming the status otherwise.

`--evidence` names a JSON file holding the exercises passed, as the verification page shows
them: they must be exactly what the payload's digest binds, or the certificate is INVALID.

The status words (VALID, EXPIRED, REVOKED, SUPERSEDED, INVALID) stay in English in every
language so that scripts can rely on them; the sentences after them are translated.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.codes import code_display
from certificates.signing.encoding import PayloadInvalid
from certificates.signing.evidence import evidence_verify
from certificates.signing.keys import keys_from_jwks, public_keys
from certificates.signing.payload import payload_extract, payload_verify, payload_version
from certificates.signing.revocations import revocations_verify

PDF_SIGNATURE = b"%PDF"


def date_parse(value: str) -> dt.date:
    """`--today`: a YYYY-MM-DD date."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(_("--today must be a date written YYYY-MM-DD; got %(value)s.") % {"value": value}) from error


def path_if_file(source: str) -> Path | None:
    """SOURCE as a file path, if it names a file (a payload is too long to be a file name: no error)."""
    path = Path(source)
    try:
        return path if path.is_file() else None
    except OSError:
        return None


def payload_read(source: str) -> str:
    """The payload text SOURCE holds or points to."""
    path = path_if_file(source)
    if path is None:
        return payload_extract(source)
    data = path.read_bytes()
    if data.startswith(PDF_SIGNATURE):
        from certificates.drawing.pdf_reading import payload_from_pdf

        payload = payload_from_pdf(data)
        if payload is None:
            raise PayloadInvalid(_("The PDF carries no certificate payload."))
        return payload_extract(payload)
    try:
        return payload_extract(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise PayloadInvalid(_("The file is neither a PDF nor UTF-8 text.")) from error


def json_file_read(path: str, what: str) -> Any:
    """The JSON document in `path`, or a CommandError that names the file."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(
            _("The %(what)s file %(path)s cannot be read as JSON: %(error)s")
            % {"what": what, "path": path, "error": error}
        ) from error


def keys_load(path: str | None) -> dict[str, Ed25519PublicKey]:
    """The key set from `--keys`, or this installation's keys."""
    if path is None:
        return public_keys()
    try:
        return keys_from_jwks(json_file_read(path, _("key set")))
    except PayloadInvalid as error:
        raise CommandError(
            _("The key set %(path)s is not valid: %(error)s") % {"path": path, "error": error}
        ) from error


def revocations_load(path: str | None, keys: dict[str, Ed25519PublicKey]) -> tuple[dict[str, dict], str]:
    """(code -> entry, issued_at) from `--revocations`, verified, or this installation's current list."""
    if path is None:
        from certificates.selectors import revocation_document

        doc, keys, label = revocation_document(), public_keys(), _("this installation")
    else:
        doc, label = json_file_read(path, _("revocation list")), path
    try:
        entries = revocations_verify(doc, keys)
    except PayloadInvalid as error:
        raise CommandError(
            _("The revocation list from %(source)s is not valid: %(error)s") % {"source": label, "error": error}
        ) from error
    return entries, doc["issued_at"]


def status_of(claims: dict, revocation: dict | None, today: dt.date) -> tuple[str, str]:
    """(status word, sentence): revocation first, then expiry."""
    if revocation is not None and revocation["status"] == "revoked":
        return "REVOKED", _("the certificate was revoked on %(date)s.") % {"date": revocation["at"]}
    if revocation is not None:
        return "SUPERSEDED", _("the certificate was replaced by a newer one on %(date)s.") % {"date": revocation["at"]}
    if claims["exp"] is not None and dt.date.fromisoformat(claims["exp"]) < today:
        return "EXPIRED", _("the certificate expired on %(date)s.") % {"date": claims["exp"]}
    return "VALID", _("the signature is genuine and the certificate is in force.")


class Command(BaseCommand):
    help = "Verify a certificate's signed payload (text, verification URL, text file or PDF) offline."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="The payload, the verification URL, or a text or PDF file holding one.")
        parser.add_argument("--keys", default=None, help="A JWKS file of public keys (default: this installation's).")
        parser.add_argument(
            "--revocations", default=None, help="A signed revocation list file (default: this installation's)."
        )
        parser.add_argument("--today", default=None, help="Judge expiry as of this date, YYYY-MM-DD.")
        parser.add_argument(
            "--evidence",
            default=None,
            help="A JSON file of the exercises passed, as the verification page shows them, to check.",
        )

    def handle(
        self,
        *args: Any,
        source: str,
        keys: str | None,
        revocations: str | None,
        today: str | None,
        evidence: str | None = None,
        **options: Any,
    ) -> None:
        as_of = date_parse(today) if today else timezone.localdate()
        public = keys_load(keys)
        exercises = json_file_read(evidence, _("evidence")) if evidence else None
        try:
            payload = payload_read(source)
            claims = payload_verify(payload, public)
            if exercises is not None:
                evidence_verify(exercises, claims)
        except PayloadInvalid as error:
            line = f"INVALID: {error}"
            self.stdout.write(self.style.ERROR(line))
            raise CommandError(line) from error
        entries, issued_at = revocations_load(revocations, public)
        status, sentence = status_of(claims, entries.get(claims["c"]), as_of)
        line = f"{status}: {sentence}"
        self.stdout.write(self.style.SUCCESS(line) if status == "VALID" else self.style.ERROR(line))
        self.details_write(claims, payload, issued_at)
        if exercises is not None:
            self.exercises_write(exercises)
        if status != "VALID":
            raise CommandError(line)

    def details_write(self, claims: dict, payload: str, revocations_issued_at: str) -> None:
        """What the certificate says, one field a line."""
        digest = claims.get("ev") or _("none (a version 1 payload binds no evidence)")
        lines = [
            (_("Name"), claims["n"]),
            (_("Course"), claims["k"]),
            (_("Issued"), claims["iat"]),
            (_("Expires"), claims["exp"] or _("never")),
            (_("Code"), code_display(claims["c"])),
            (_("Key id"), payload.split(".")[1]),
            (_("Format"), payload_version(payload)),
            (_("Evidence digest (SHA-256)"), digest),
            (_("Issuer"), claims["iss"]),
            (_("Revocation list as of"), revocations_issued_at),
        ]
        for label, value in lines:
            self.stdout.write(f"{label}: {value}")

    def exercises_write(self, exercises: list[dict]) -> None:
        """The exercises of the evidence file, which the digest was found to bind."""
        self.stdout.write(_("Exercises passed, as signed: %(count)s") % {"count": len(exercises)})
        for exercise in exercises:
            self.stdout.write(
                _("- %(title)s (%(type)s): %(score)s%%, passed on %(date)s at attempt %(attempts)s")
                % {
                    "title": exercise["title"],
                    "type": exercise["type_title"],
                    "score": exercise["score"],
                    "date": exercise["passed_on"],
                    "attempts": exercise["attempts"],
                }
            )
