"""Ed25519 keys, the signed certificate payload and the signed revocation list.

Pure: reads settings, never models, so a verifier needs nothing but this package and a key set.
One module per concern (callers import from the module):

- `encoding`: canonical JSON, strict base64url and the value checks every signed document
  shares, and `PayloadInvalid`;
- `keys`: the signing key (its file, generated once), retired keys, key ids, the published
  key set (JWKS, its keys written and read by joserfc) and signature checks;
- `payload`: the signed payload a certificate carries, `OCAM2.<kid>.<body>.<sig>` (`OCAM1` before
  evidence was bound; those still verify);
- `evidence`: the exercises a certificate states, checked, and the digest its payload signs;
- `revocations`: the signed revocation list.

Invariants:

- The signing key lives in `CERTIFICATES_SIGNING_KEY_FILE`, or is generated once at
  `CERTIFICATES_KEY_DIR/certificate-signing.pem` (mode 0600). Processes that race to create it
  end up sharing one key: the file appears whole, by a hard link, or not at all.
- A key id ("kid") is the first 8 bytes of SHA-256 over the raw public key, in lower-case hex.
- A payload is `OCAM2.<kid>.<body>.<sig>` (or `OCAM1.`, without the evidence digest `ev`);
  `payload_verify` accepts exactly the text `payload_sign` produced and nothing else: any
  changed byte fails (strict base64url that re-encodes to the same text, a signature over the
  first three parts, a body that is already canonical JSON, and the claims schema of its
  version with an NFC name).
- Messages of `PayloadInvalid` are meant for people and go through gettext.

The format is documented for third-party verifiers in docs/certificate-payload.md.
"""
