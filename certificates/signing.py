"""Ed25519 keys, the signed certificate payload and the signed revocation list.

Pure: reads settings, never models, so a verifier needs nothing but this module and a key set.

Invariants:

- The signing key lives in `CERTIFICATES_SIGNING_KEY_FILE`, or is generated once at
  `CERTIFICATES_KEY_DIR/certificate-signing.pem` (mode 0600). Processes that race to create it
  end up sharing one key: the file appears whole, by a hard link, or not at all.
- A key id ("kid") is the first 8 bytes of SHA-256 over the raw public key, in lower-case hex.
- A payload is `OCAM1.<kid>.<body>.<sig>`; `payload_verify` accepts exactly the text
  `payload_sign` produced and nothing else: any changed byte fails (strict base64url that
  re-encodes to the same text, a signature over the first three parts, a body that is
  already canonical JSON, and a claims schema with an NFC name).
- Messages of `PayloadInvalid` are meant for people and go through gettext.

The format is documented for third-party verifiers in docs/certificate-payload.md.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import tempfile
import unicodedata
import uuid
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from certificates.codes import code_normalise

PAYLOAD_PREFIX = "OCAM1"
GENERATED_KEY_NAME = "certificate-signing.pem"
SIGNATURE_LENGTH = 64
PUBLIC_KEY_LENGTH = 32
CLAIM_NAMES = frozenset({"c", "n", "k", "ck", "iat", "exp", "iss"})
REVOCATIONS_FORMAT = "ocam-revocations-1"
REVOCATION_STATUSES = ("revoked", "superseded")
REVOCATION_ENTRY_NAMES = frozenset({"c", "status", "at"})
REVOCATIONS_NAMES = frozenset({"format", "issued_at", "kid", "entries", "sig"})
# JCS (RFC 8785) writes numbers as ECMAScript does: exact only for integers up to 2**53 - 1.
LARGEST_EXACT_INTEGER = 2**53 - 1

KID_PATTERN = re.compile("[0-9a-f]{16}")
BASE64URL_PATTERN = re.compile("[A-Za-z0-9_-]*")
DATE_PATTERN = re.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}")

_signing_keys: dict[str, tuple[str, Ed25519PrivateKey]] = {}
_retired_keys: dict[str, dict[str, Ed25519PublicKey]] = {}


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


def key_id(public_key: Ed25519PublicKey) -> str:
    """First 8 bytes of SHA-256 over the raw public key, lower-case hex: short, stable, derivable."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).digest()[:8].hex()


def signing_key_path() -> tuple[Path, bool]:
    """Where the signing key is, and whether we may generate it there."""
    configured = settings.CERTIFICATES_SIGNING_KEY_FILE
    if configured:
        return Path(configured), False
    return Path(settings.CERTIFICATES_KEY_DIR) / GENERATED_KEY_NAME, True


def key_file_create(path: Path) -> None:
    """Write a new private key at `path` unless one appears first; the file is never seen half-written."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    # mkstemp creates the file with mode 0600 in the same directory, so the link cannot cross devices.
    descriptor, temporary_name = tempfile.mkstemp(dir=path.parent, prefix=".certificate-signing-", suffix=".tmp")
    temporary = Path(temporary_name)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(pem)
            file.flush()
            os.fsync(file.fileno())
        # If another process won the race, its key is the key.
        with contextlib.suppress(FileExistsError):
            path.hardlink_to(temporary)
    finally:
        temporary.unlink()


def key_file_read(path: Path) -> Ed25519PrivateKey:
    """Load an unencrypted PEM Ed25519 private key, or say clearly what is wrong with the file."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImproperlyConfigured(
            _("The certificate signing key %(path)s cannot be read: %(error)s") % {"path": path, "error": error}
        ) from error
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            _("The certificate signing key %(path)s is not an unencrypted PEM private key.") % {"path": path}
        ) from error
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured(_("The certificate signing key %(path)s is not an Ed25519 key.") % {"path": path})
    return key


def signing_key() -> tuple[str, Ed25519PrivateKey]:
    """(kid, private key) of this installation, generated on first use when no key file is configured."""
    path, may_create = signing_key_path()
    cached = _signing_keys.get(str(path))
    if cached is None:
        if may_create and not path.exists():
            key_file_create(path)
        key = key_file_read(path)
        cached = _signing_keys[str(path)] = (key_id(key.public_key()), key)
    return cached


def retired_keys() -> dict[str, Ed25519PublicKey]:
    """Public keys no longer used for signing that still verify what they signed."""
    configured = settings.CERTIFICATES_RETIRED_KEYS_FILE
    if not configured:
        return {}
    cached = _retired_keys.get(configured)
    if cached is None:
        try:
            cached = keys_from_jwks(json.loads(Path(configured).read_text(encoding="utf-8")))
        except (OSError, ValueError) as error:
            raise ImproperlyConfigured(
                _("The retired certificate keys file %(path)s is not usable: %(error)s")
                % {"path": configured, "error": error}
            ) from error
        _retired_keys[configured] = cached
    return cached


def keys_cache_clear() -> None:
    """Forget loaded keys (tests change the settings; an operator rotates keys and restarts)."""
    _signing_keys.clear()
    _retired_keys.clear()


def public_keys() -> dict[str, Ed25519PublicKey]:
    """Every key that verifies our documents, current first."""
    kid, key = signing_key()
    keys = {kid: key.public_key()}
    for retired_kid, public_key in retired_keys().items():
        keys.setdefault(retired_kid, public_key)
    return keys


def jwk(public_key: Ed25519PublicKey) -> dict[str, str]:
    """One public key as a JSON Web Key (RFC 8037)."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return {
        "kty": "OKP",
        "crv": "Ed25519",
        "x": b64url_encode(raw),
        "kid": key_id(public_key),
        "alg": "EdDSA",
        "use": "sig",
    }


def jwks() -> dict[str, list[dict[str, str]]]:
    """The key set published at /.well-known/ocam-certificate-keys.json, current key first."""
    return {"keys": [jwk(public_key) for public_key in public_keys().values()]}


def key_from_jwk(entry: Any, index: int) -> tuple[str, Ed25519PublicKey]:
    """(kid, key) from one JWK, refusing anything but a public Ed25519 signing key."""
    position = {"index": index}
    if not isinstance(entry, dict) or entry.get("kty") != "OKP" or entry.get("crv") != "Ed25519":
        raise PayloadInvalid(_("Key %(index)s is not an Ed25519 key (kty OKP, crv Ed25519).") % position)
    if "d" in entry:
        raise PayloadInvalid(_("Key %(index)s contains a private key; a key set holds public keys only.") % position)
    if entry.get("alg", "EdDSA") != "EdDSA" or entry.get("use", "sig") != "sig":
        raise PayloadInvalid(_("Key %(index)s is not meant for EdDSA signatures.") % position)
    raw = b64url_decode(entry.get("x"))
    if len(raw) != PUBLIC_KEY_LENGTH:
        raise PayloadInvalid(_("Key %(index)s does not hold a 32-byte public key.") % position)
    public_key = Ed25519PublicKey.from_public_bytes(raw)
    kid = key_id(public_key)
    if entry.get("kid", kid) != kid:
        raise PayloadInvalid(_("Key %(index)s has a kid that does not match its public key.") % position)
    return kid, public_key


def keys_from_jwks(doc: dict) -> dict[str, Ed25519PublicKey]:
    """The keys of a JWKS document, by kid; PayloadInvalid when the document is not a usable key set."""
    if not isinstance(doc, dict) or not isinstance(doc.get("keys"), list):
        raise PayloadInvalid(_('A key set must be a JSON object with a "keys" list.'))
    keys: dict[str, Ed25519PublicKey] = {}
    for index, entry in enumerate(doc["keys"]):
        kid, public_key = key_from_jwk(entry, index)
        if kid in keys:
            raise PayloadInvalid(_("The key set lists key %(kid)s twice.") % {"kid": kid})
        keys[kid] = public_key
    return keys


def key_for_kid(kid: Any, keys: dict[str, Ed25519PublicKey]) -> Ed25519PublicKey:
    """The public key a document names, or PayloadInvalid."""
    if not isinstance(kid, str) or not KID_PATTERN.fullmatch(kid):
        raise PayloadInvalid(_("The key id is malformed."))
    if kid not in keys:
        raise PayloadInvalid(_("The document was signed with an unknown key (%(kid)s).") % {"kid": kid})
    return keys[kid]


def signature_check(public_key: Ed25519PublicKey, signature: bytes, message: bytes) -> None:
    """PayloadInvalid unless `signature` is `public_key`'s Ed25519 signature over `message`."""
    try:
        public_key.verify(signature, message)
    except InvalidSignature as error:
        raise PayloadInvalid(
            _("The signature does not match: the document was altered or not signed by this issuer.")
        ) from error


def signature_decode(text: Any) -> bytes:
    """A 64-byte Ed25519 signature from strict base64url."""
    signature = b64url_decode(text)
    if len(signature) != SIGNATURE_LENGTH:
        raise PayloadInvalid(_("The signature has the wrong length."))
    return signature


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


def claims_check(claims: Any) -> None:
    """PayloadInvalid unless `claims` is exactly the claims of a certificate, name in NFC."""
    if not isinstance(claims, dict) or set(claims) != CLAIM_NAMES:
        raise PayloadInvalid(_("The claims must be exactly: %(names)s.") % {"names": ", ".join(sorted(CLAIM_NAMES))})
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


def payload_sign(claims: dict) -> str:
    """`OCAM1.<kid>.<body>.<sig>` for these claims, signed with the current key."""
    if not isinstance(claims, dict):
        raise PayloadInvalid(_("The claims must be a JSON object."))
    clean = dict(claims)
    if isinstance(clean.get("n"), str):
        clean["n"] = unicodedata.normalize("NFC", clean["n"])
    claims_check(clean)
    kid, key = signing_key()
    signed_part = f"{PAYLOAD_PREFIX}.{kid}.{b64url_encode(canonical_json(clean))}"
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
    if len(parts) != 4 or parts[0] != PAYLOAD_PREFIX:
        raise PayloadInvalid(_("This is not an OCAM certificate payload."))
    _prefix, kid, body_text, signature_text = parts
    public_key = key_for_kid(kid, keys)
    signature = signature_decode(signature_text)
    body = b64url_decode(body_text)
    signature_check(public_key, signature, f"{PAYLOAD_PREFIX}.{kid}.{body_text}".encode("ascii"))
    claims = json_strict_loads(body)
    try:
        is_canonical = canonical_json(claims) == body
    except (TypeError, ValueError):
        is_canonical = False
    if not is_canonical:
        raise PayloadInvalid(_("The payload body is not canonical JSON."))
    claims_check(claims)
    return claims


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
