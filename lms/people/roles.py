"""Roles are Django groups (D7). This module names them and keeps their permissions in sync.

`roles_sync()` runs after every `migrate` (and after a test database is flushed), so a
fresh database always has the five groups with exactly the permissions listed here.
Administrators assign people to groups in the Wagtail admin.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    LEARNER = "learner", _("Learner")
    TRAINER = "trainer", _("Trainer")
    FOCAL_POINT = "focal_point", _("Country focal point")
    REGIONAL_COORDINATOR = "regional_coordinator", _("Regional coordinator")
    ADMINISTRATOR = "administrator", _("Administrator")


# Group names are stable identifiers stored in the database; labels come from Role.
GROUP_NAMES: dict[Role, str] = {
    Role.LEARNER: "Learners",
    Role.TRAINER: "Trainers",
    Role.FOCAL_POINT: "Country focal points",
    Role.REGIONAL_COORDINATOR: "Regional coordinators",
    Role.ADMINISTRATOR: "Administrators",
}
ROLE_BY_GROUP_NAME: dict[str, Role] = {name: role for role, name in GROUP_NAMES.items()}

_CRUD = ("add", "change", "delete", "view")

# Model permissions ("app_label.codename") each role's group holds.
ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.LEARNER: (),
    Role.TRAINER: (
        "wagtailadmin.access_admin",
        "people.view_country",
        "people.view_authority",
        "people.view_dutypost",
    ),
    Role.FOCAL_POINT: ("people.view_country_staff",),
    Role.REGIONAL_COORDINATOR: ("people.view_all_countries_staff",),
    Role.ADMINISTRATOR: (
        "wagtailadmin.access_admin",
        "people.view_all_countries_staff",
        *(f"people.{action}_{model}" for model in ("user", "dutypost", "staffprofile") for action in _CRUD),
        # The eight countries and their authorities are reference data: named, never added or removed.
        *(f"people.{action}_{model}" for model in ("country", "authority") for action in ("change", "view")),
        *(f"auth.{action}_group" for action in _CRUD),
        *(f"wagtailcore.{action}_site" for action in ("add", "change", "delete")),
        *(f"wagtailcore.{action}_locale" for action in ("add", "change", "delete")),
        *(f"wagtailredirects.{action}_redirect" for action in ("add", "change", "delete")),
    ),
}

# Page permissions on the whole page tree, and collection permissions on the root collection.
ROLE_PAGE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.TRAINER: ("add_page", "change_page", "publish_page"),
    Role.ADMINISTRATOR: ("add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"),
}
ROLE_COLLECTION_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.TRAINER: (
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ),
    Role.ADMINISTRATOR: (
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.delete_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.delete_document",
        "wagtaildocs.choose_document",
        "wagtailcore.add_collection",
        "wagtailcore.change_collection",
        "wagtailcore.delete_collection",
    ),
}


def group_for(role: Role) -> Group:
    """The group of a role (created by roles_sync)."""
    return Group.objects.get(name=GROUP_NAMES[role])


def _permissions(natural_keys: Iterable[str]) -> list[Permission]:
    wanted = set(natural_keys)
    found = []
    for key in wanted:
        app_label, codename = key.split(".", 1)
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is None:
            raise LookupError(f"Permission {key} does not exist; is its app installed and migrated?")
        found.append(permission)
    return found


@transaction.atomic
def roles_sync() -> None:
    """Create the role groups and give each exactly the permissions declared above."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for role, name in GROUP_NAMES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(_permissions(ROLE_PERMISSIONS[role]))

        page_permissions = _permissions(f"wagtailcore.{codename}" for codename in ROLE_PAGE_PERMISSIONS.get(role, ()))
        GroupPagePermission.objects.filter(group=group).exclude(permission__in=page_permissions).delete()
        if root_page is not None:
            for permission in page_permissions:
                GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)

        collection_permissions = _permissions(ROLE_COLLECTION_PERMISSIONS.get(role, ()))
        GroupCollectionPermission.objects.filter(group=group).exclude(permission__in=collection_permissions).delete()
        if root_collection is not None:
            for permission in collection_permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
