"""Roles are Django groups (D7). This module names them and keeps their permissions in sync.

Each app declares the permissions of its own models each role holds (`<app>/role_permissions.py`),
and the site shell composes the table (`lms.shell.roles`). `roles_sync` runs after every
`migrate` (and after a test database is flushed), so a fresh database always has the five
groups with exactly those permissions. Administrators assign people to groups in the Wagtail admin.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.contrib.auth.models import Group, Permission
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from people.models import User


class Role(models.TextChoices):
    LEARNER = "learner", _("Learner")
    TRAINER = "trainer", _("Trainer")
    FOCAL_POINT = "focal_point", _("Country focal point")
    REGIONAL_COORDINATOR = "regional_coordinator", _("Regional coordinator")
    ADMINISTRATOR = "administrator", _("Administrator")


# Group names are stable identifiers stored in the database, shown as they are in the Wagtail
# admin's role checkboxes: so in both languages. Labels elsewhere come from Role.
GROUP_NAMES: dict[Role, str] = {
    Role.LEARNER: "Participantes · Learners",
    Role.TRAINER: "Formadores · Trainers",
    Role.FOCAL_POINT: "Puntos focales de país · Country focal points",
    Role.REGIONAL_COORDINATOR: "Coordinación regional · Regional coordinators",
    Role.ADMINISTRATOR: "Administradores · Administrators",
}
ROLE_BY_GROUP_NAME: dict[str, Role] = {name: role for role, name in GROUP_NAMES.items()}

FOCAL_POINT_NEEDS_COUNTRY = _("A country focal point must have a staff profile with a country.")

# The four model permissions Django creates for every model.
CRUD = ("add", "change", "delete", "view")

PERMISSIONS_FROM_MIGRATIONS = {"wagtail_localize.submit_translation": ("translation", "Can submit translations")}


def group_for(role: Role) -> Group:
    """The group of a role (created by roles_sync)."""
    return Group.objects.get(name=GROUP_NAMES[role])


def is_focal_point(user: User) -> bool:
    return user.pk is not None and user.groups.filter(name=GROUP_NAMES[Role.FOCAL_POINT]).exists()


@transaction.atomic
def roles_sync(
    *,
    role_permissions: Mapping[Role, Iterable[str]],
    page_permissions: Mapping[Role, Iterable[str]],
    collection_permissions: Mapping[Role, Iterable[str]],
) -> None:
    """Create the role groups and give each exactly the permissions given.

    The table is composed at the top (`lms.shell.roles`) from what each app declares: this
    module, at the bottom, names no other app's permissions."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    # Permissions an app creates in a migration rather than in a model's Meta: a test
    # database's flush removes them, and nothing but this recreates them.
    for key, (model, name) in PERMISSIONS_FROM_MIGRATIONS.items():
        app_label, codename = key.split(".")
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
        Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})

    every_permission = {
        f"{p.content_type.app_label}.{p.codename}": p for p in Permission.objects.select_related("content_type")
    }

    def permissions(keys: Iterable[str]) -> set[Permission]:
        keys = set(keys)
        missing = keys - every_permission.keys()
        if missing:
            raise LookupError(f"Permissions {sorted(missing)} do not exist; are their apps installed and migrated?")
        return {every_permission[key] for key in keys}

    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for role, name in GROUP_NAMES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions(role_permissions.get(role, ())))
        _object_permissions_set(
            GroupPagePermission,
            group,
            "page",
            root_page,
            permissions(f"wagtailcore.{codename}" for codename in page_permissions.get(role, ())),
        )
        _object_permissions_set(
            GroupCollectionPermission,
            group,
            "collection",
            root_collection,
            permissions(collection_permissions.get(role, ())),
        )


def _object_permissions_set(model: type, group: Group, target: str, root: object, wanted: set[Permission]) -> None:
    """Give `group` exactly `wanted` on the root of the page tree or of the collections."""
    held = model.objects.filter(group=group)
    held.exclude(**{target: root}).delete()
    held.exclude(permission__in=wanted).delete()
    if root is None:
        return
    present = set(held.values_list("permission_id", flat=True))
    model.objects.bulk_create(
        [
            model(group=group, permission=permission, **{target: root})
            for permission in wanted
            if permission.pk not in present
        ]
    )
