"""Ed25519 keys: this installation's signing key, retired keys, key ids, the published key set (JWKS).

Signing and verifying use `cryptography`; JSON Web Keys (RFC 7517, RFC 8037) are written and
read by joserfc (its JWK module only: no JWS, whose EdDSA algorithm it warns about).

The signing key lives in `CERTIFICATES_SIGNING_KEY_FILE`, or is generated once at
`CERTIFICATES_KEY_DIR/certificate-signing.pem` (mode 0600). Processes that race to create it
end up sharing one key: the file appears whole, by a hard link, or not at all.
"""

from __future__ import annotations

import binascii
import contextlib
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from joserfc.errors import JoseError
from joserfc.jwk import OKPKey

from certificates.signing.encoding import PayloadInvalid, b64url_decode

GENERATED_KEY_NAME = "certificate-signing.pem"
SIGNATURE_LENGTH = 64

KID_PATTERN = re.compile("[0-9a-f]{16}")

_signing_keys: dict[str, tuple[str, Ed25519PrivateKey]] = {}
_retired_keys: dict[str, dict[str, Ed25519PublicKey]] = {}


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
    """One public key as a JSON Web Key (RFC 8037), members in the order docs/certificate-payload.md shows."""
    exported = OKPKey.import_key(public_key, {"kid": key_id(public_key), "alg": "EdDSA", "use": "sig"}).as_dict()
    return {"kty": exported.pop("kty"), **exported}


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
    try:
        public_key = OKPKey.import_key(entry).public_key
    except binascii.Error as error:  # joserfc's base64url is as strict as ours: no padding, one text per value
        raise PayloadInvalid(_("The data is not valid base64url.")) from error
    except ValueError as error:  # cryptography: not 32 bytes
        raise PayloadInvalid(_("Key %(index)s does not hold a 32-byte public key.") % position) from error
    except JoseError as error:  # a member missing or of the wrong type
        raise PayloadInvalid(_("Key %(index)s is not a valid JSON Web Key.") % position) from error
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
