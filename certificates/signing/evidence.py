"""The evidence a certificate states (the exercises passed) and the digest its payload signs.

The evidence is a JSON array, in course order, of one object per exercise passed, with exactly
these members: `key` (the exercise's key in the course), `type` (the exercise type's slug),
`type_title` and `title` (in the certificate's language), `score` (an integer, 0 to 100),
`passed_on` (YYYY-MM-DD) and `attempts` (the number of the attempt that passed, 1 or more).
A certificate without exercises has the empty array.

Its digest is the lower-case hexadecimal SHA-256 of its canonical JSON (`canonical_json`):
the `ev` claim of an OCAM2 payload. Anyone holding the evidence as the verification page shows
it (any formatting: it is parsed and serialised again) recomputes the digest and compares.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from django.utils.translation import gettext as _

from certificates.signing.encoding import PayloadInvalid, canonical_json, date_check, text_check

EVIDENCE_FIELDS = ("key", "type", "type_title", "title", "score", "passed_on", "attempts")
DIGEST_PATTERN = re.compile("[0-9a-f]{64}")


def _is_integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def evidence_check(evidence: Any) -> None:
    """PayloadInvalid unless `evidence` is exactly a certificate's evidence (see the module docstring)."""
    if not isinstance(evidence, list):
        raise PayloadInvalid(_("The evidence must be a list of exercises."))
    for entry in evidence:
        if not isinstance(entry, dict) or set(entry) != set(EVIDENCE_FIELDS):
            raise PayloadInvalid(
                _("Each exercise of the evidence must have exactly: %(names)s.")
                % {"names": ", ".join(sorted(EVIDENCE_FIELDS))}
            )
        for name in ("key", "type", "type_title", "title"):
            text_check(entry[name], name)
        if not _is_integer(entry["score"]) or not 0 <= entry["score"] <= 100:
            raise PayloadInvalid(_("score must be an integer from 0 to 100."))
        date_check(entry["passed_on"], "passed_on")
        if not _is_integer(entry["attempts"]) or entry["attempts"] < 1:
            raise PayloadInvalid(_("attempts must be an integer of 1 or more."))


def evidence_digest(evidence: Any) -> str:
    """The SHA-256 of the evidence's canonical JSON, in lower-case hexadecimal (the `ev` claim)."""
    evidence_check(evidence)
    return hashlib.sha256(canonical_json(evidence)).hexdigest()


def digest_check(value: Any, name: str) -> None:
    """A SHA-256 digest written as 64 lower-case hexadecimal characters."""
    if not isinstance(value, str) or not DIGEST_PATTERN.fullmatch(value):
        raise PayloadInvalid(_("%(name)s must be a SHA-256 digest in lower-case hexadecimal.") % {"name": name})


def evidence_verify(evidence: Any, claims: dict) -> None:
    """PayloadInvalid unless the verified `claims` sign exactly this evidence."""
    if "ev" not in claims:
        raise PayloadInvalid(
            _("This payload (version OCAM1) binds no evidence: no exercise can be checked against it.")
        )
    if evidence_digest(evidence) != claims["ev"]:
        raise PayloadInvalid(_("The evidence does not match the digest the certificate signs."))
