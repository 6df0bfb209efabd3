"""`manage.py certificate_key_create`: a new key file, never an overwrite."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from certificates.signing.keys import key_file_read, key_id


def test_it_writes_a_private_key_readable_only_by_its_owner_and_prints_its_id(tmp_path, capsys):
    path = tmp_path / "keys" / "signing.pem"
    call_command("certificate_key_create", str(path))
    key = key_file_read(path)
    assert path.stat().st_mode & 0o077 == 0
    assert key_id(key.public_key()) in capsys.readouterr().out


def test_it_refuses_to_overwrite_an_existing_key(tmp_path):
    path = tmp_path / "signing.pem"
    call_command("certificate_key_create", str(path))
    before = path.read_bytes()
    with translation.override("en"), pytest.raises(CommandError, match="exists already"):
        call_command("certificate_key_create", str(path))
    assert path.read_bytes() == before
