"""Roles are Django groups (D7). This module names them and keeps their permissions in sync.

`roles_sync()` runs after every `migrate` (and after a test database is flushed), so a
fresh database always has the five groups with exactly the permissions listed here.
Administrators assign people to groups in the Wagtail admin.
"""

from __future__ import annotations

from collections.abc import Iterable
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

_CRUD = ("add", "change", "delete", "view")
# What trainers write besides pages: course snippets and cohorts; and enrolling learners.
_COURSE_MATERIAL = (
    *(
        f"courses.{action}_{model}"
        for model in ("glossaryterm", "questionbank", "question", "cohort")
        for action in _CRUD
    ),
    "courses.add_enrolment",
    "courses.view_enrolment",
    "wagtail_localize.submit_translation",
)
# Certificates: templates and certification rules, the register, revocation.
_CERTIFICATES = (
    *(f"certificates.{action}_{model}" for model in ("certificatetemplate", "coursecertification") for action in _CRUD),
    "certificates.view_certificate",
    "certificates.revoke_certificate",
)

_TRACKING_MANAGE = (
    *(f"tracking.{action}_trainingrule" for action in _CRUD),
    "tracking.add_rosterimport",
    "tracking.view_rosterimport",
)

# Model permissions ("app_label.codename") each role's group holds.
ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.LEARNER: ("sandbox.practise",),
    Role.TRAINER: (
        "sandbox.practise",
        "sandbox.inspect_sandbox",
        "wagtailadmin.access_admin",
        "people.view_country",
        "people.view_authority",
        "people.view_dutypost",
        *_COURSE_MATERIAL,
        *_CERTIFICATES,
    ),
    # Country tracking: focal points import their country's roster and set its mandatory
    # training; the regional coordinator reads every country.
    Role.FOCAL_POINT: ("people.view_country_staff", *_TRACKING_MANAGE),
    Role.REGIONAL_COORDINATOR: ("people.view_all_countries_staff", "tracking.view_trainingrule"),
    Role.ADMINISTRATOR: (
        # Administrators try the sandbox to support learners; inspecting learners' work is
        # for trainers.
        "sandbox.practise",
        "wagtailadmin.access_admin",
        "people.view_all_countries_staff",
        *_TRACKING_MANAGE,
        *_COURSE_MATERIAL,
        *_CERTIFICATES,
        *(f"people.{action}_{model}" for model in ("user", "dutypost", "staffprofile") for action in _CRUD),
        # The eight countries and their authorities are reference data maintained in code
        # (people/reference.py): read-only here.
        "people.view_country",
        "people.view_authority",
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


PERMISSIONS_FROM_MIGRATIONS = {"wagtail_localize.submit_translation": ("translation", "Can submit translations")}


def group_for(role: Role) -> Group:
    """The group of a role (created by roles_sync)."""
    return Group.objects.get(name=GROUP_NAMES[role])


def is_focal_point(user: User) -> bool:
    return user.pk is not None and user.groups.filter(name=GROUP_NAMES[Role.FOCAL_POINT]).exists()


@transaction.atomic
def roles_sync() -> None:
    """Create the role groups and give each exactly the permissions declared above."""
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
        group.permissions.set(permissions(ROLE_PERMISSIONS[role]))
        _object_permissions_set(
            GroupPagePermission,
            group,
            "page",
            root_page,
            permissions(f"wagtailcore.{codename}" for codename in ROLE_PAGE_PERMISSIONS.get(role, ())),
        )
        _object_permissions_set(
            GroupCollectionPermission,
            group,
            "collection",
            root_collection,
            permissions(ROLE_COLLECTION_PERMISSIONS.get(role, ())),
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
