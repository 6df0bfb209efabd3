"""Create the Ed25519 key that signs certificates (production: CERTIFICATES_SIGNING_KEY_FILE).

`manage.py certificate_key_create /etc/ocam/certificate-signing.pem` writes a new private key
(mode 0600) and prints its key id and public key. It never overwrites a file: rotating keys
means a new file, the old public key moved to CERTIFICATES_RETIRED_KEYS_FILE (docs/certificates.md).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from certificates.signing.keys import jwk, key_file_create, key_file_read, key_id


class Command(BaseCommand):
    help = "Create a new Ed25519 certificate signing key (PEM) at the given path; never overwrites."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Where to write the private key, e.g. /etc/ocam/certificate-signing.pem")

    def handle(self, *args, path: str, **options) -> None:
        target = Path(path)
        if target.exists():
            raise CommandError(_("%(path)s exists already: choose a new file for a new key.") % {"path": target})
        key_file_create(target)
        public_key = key_file_read(target).public_key()
        self.stdout.write(_("Key id: %(kid)s") % {"kid": key_id(public_key)})
        self.stdout.write(_("Public key (JSON Web Key):"))
        self.stdout.write(json.dumps(jwk(public_key), indent=2))
