"""The signed payload a certificate carries: `<version>.<kid>.<body>.<sig>` over canonical JSON claims.

Two versions, told apart by their first part and by their claims:

- `OCAM2` (signed today): the claims of OCAM1 and `ev`, the SHA-256 digest of the certificate's
  evidence, the exercises passed (`certificates.signing.evidence`);
- `OCAM1` (certificates issued before): c, n, k, ck, iat, exp, iss. They still verify.

`payload_verify` accepts exactly the text `payload_sign` produced and nothing else: any
changed byte fails (strict base64url that re-encodes to the same text, a signature over the
first three parts, a body that is already canonical JSON, and the claims schema of the version
the first part names, with an NFC name).
"""

from __future__ import annotations

import unicodedata
import uuid
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.utils.translation import gettext as _

from certificates.codes import code_normalise
from certificates.signing.encoding import (
    PayloadInvalid,
    b64url_decode,
    b64url_encode,
    canonical_json,
    date_check,
    json_strict_loads,
    text_check,
)
from certificates.signing.evidence import digest_check
from certificates.signing.keys import key_for_kid, public_keys, signature_check, signature_decode, signing_key

PAYLOAD_PREFIX = "OCAM2"
LEGACY_PREFIX = "OCAM1"
CLAIMS_V1 = frozenset({"c", "n", "k", "ck", "iat", "exp", "iss"})
# The claims of each version, by its prefix.
CLAIM_NAMES = {LEGACY_PREFIX: CLAIMS_V1, PAYLOAD_PREFIX: CLAIMS_V1 | {"ev"}}


def claims_check(claims: Any, prefix: str = PAYLOAD_PREFIX) -> None:
    """PayloadInvalid unless `claims` is exactly the claims of a certificate of that version, name in NFC."""
    names = CLAIM_NAMES[prefix]
    if not isinstance(claims, dict) or set(claims) != names:
        raise PayloadInvalid(_("The claims must be exactly: %(names)s.") % {"names": ", ".join(sorted(names))})
    if not isinstance(claims["c"], str) or code_normalise(claims["c"]) != claims["c"]:
        raise PayloadInvalid(_("c must be a certificate code in canonical form."))
    for name in ("n", "k", "iss"):
        text_check(claims[name], name)
    if not unicodedata.is_normalized("NFC", claims["n"]):
        raise PayloadInvalid(_("n must be in Unicode normal form C."))
    ck = claims["ck"]
    try:
        is_uuid = isinstance(ck, str) and str(uuid.UUID(ck)) == ck
    except ValueError:
        is_uuid = False
    if not is_uuid:
        raise PayloadInvalid(_("ck must be a UUID in lower-case hyphenated form."))
    issued_on = date_check(claims["iat"], "iat")
    if claims["exp"] is not None and date_check(claims["exp"], "exp") < issued_on:
        raise PayloadInvalid(_("exp cannot be before iat."))
    if "ev" in names:
        digest_check(claims["ev"], "ev")


def payload_sign(claims: dict, *, prefix: str = PAYLOAD_PREFIX) -> str:
    """`OCAM2.<kid>.<body>.<sig>` for these claims, signed with the current key.

    `prefix=LEGACY_PREFIX` signs the claims of version 1, as certificates were signed before
    (for tests of their verification; nothing issues them any more).
    """
    if not isinstance(claims, dict):
        raise PayloadInvalid(_("The claims must be a JSON object."))
    clean = dict(claims)
    if isinstance(clean.get("n"), str):
        clean["n"] = unicodedata.normalize("NFC", clean["n"])
    claims_check(clean, prefix)
    kid, key = signing_key()
    signed_part = f"{prefix}.{kid}.{b64url_encode(canonical_json(clean))}"
    return f"{signed_part}.{b64url_encode(key.sign(signed_part.encode('ascii')))}"


def payload_extract(text: str) -> str:
    """The payload inside a verification URL (after '#') or inside surrounding whitespace."""
    text = text.strip()
    _before, hash_sign, fragment = text.partition("#")
    return fragment.strip() if hash_sign else text


def payload_verify(text: str, keys: dict[str, Ed25519PublicKey] | None = None) -> dict:
    """The claims of a genuine payload; PayloadInvalid for anything else, however small the change."""
    keys = public_keys() if keys is None else keys
    parts = payload_extract(text).split(".")
    if len(parts) != 4 or parts[0] not in CLAIM_NAMES:
        raise PayloadInvalid(_("This is not an OCAM certificate payload."))
    prefix, kid, body_text, signature_text = parts
    public_key = key_for_kid(kid, keys)
    signature = signature_decode(signature_text)
    body = b64url_decode(body_text)
    signature_check(public_key, signature, f"{prefix}.{kid}.{body_text}".encode("ascii"))
    claims = json_strict_loads(body)
    try:
        is_canonical = canonical_json(claims) == body
    except (TypeError, ValueError):
        is_canonical = False
    if not is_canonical:
        raise PayloadInvalid(_("The payload body is not canonical JSON."))
    claims_check(claims, prefix)
    return claims


def payload_version(text: str) -> str:
    """The version a payload names in its first part ("OCAM2", "OCAM1"); verify it first."""
    return payload_extract(text).split(".", 1)[0]
