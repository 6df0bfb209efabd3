"""The reference data and the roles are synced after migrate whatever the order of INSTALLED_APPS."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management.sql import emit_post_migrate_signal

from lms.shell.roles import role_permissions
from people.roles import GROUP_NAMES, Role
from sandbox.models import CrossingPoint

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("order", ["shell first", "shell last", "reversed"])
def test_migrate_syncs_reference_data_and_roles_in_any_app_order(monkeypatch, order):
    configs = list(apps.get_app_configs())
    shell = apps.get_app_config("core")
    others = [config for config in configs if config is not shell]
    shuffled = {
        "shell first": [shell, *others],
        "shell last": [*others, shell],
        "reversed": list(reversed(configs)),
    }[order]
    monkeypatch.setattr(apps, "get_app_configs", lambda: shuffled)
    # As on a database where nothing has run yet: no permissions of the apps that declare
    # roles, no role groups, no crossing points.
    Permission.objects.filter(content_type__app_label__in=["tracking", "sandbox", "certificates", "courses"]).delete()
    Group.objects.filter(name__in=GROUP_NAMES.values()).delete()
    CrossingPoint.objects.all().delete()

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    declared = role_permissions()
    for role in Role:
        group = Group.objects.get(name=GROUP_NAMES[role])
        granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
        assert granted == declared[role], (order, role)
    assert CrossingPoint.objects.filter(duty_post__isnull=False).exists()


def test_no_app_names_the_permissions_of_an_app_above_it():
    """Each app declares its own role permissions; the table is composed at the top."""
    import ast
    import re

    from tests.layout import PROJECT_PACKAGES, ROOT

    layer_of = {package: index for index, package in enumerate(PROJECT_PACKAGES)}
    package_of_label = {config.label: config.name.partition(".")[0] for config in apps.get_app_configs()}
    key = re.compile(r"^([a-z_]+)\.[a-z_]+$")
    found = []
    for package in PROJECT_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
                    continue
                # "app.codename", or the "app." that starts an f-string such as f"app.{action}_model"
                match = key.match(node.value) or re.match(r"^([a-z_]+)\.$", node.value)
                owner = package_of_label.get(match.group(1)) if match else None
                if owner in layer_of and layer_of[owner] < layer_of[package]:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value}")
    assert found == []
