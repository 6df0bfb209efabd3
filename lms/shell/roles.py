"""The role table, composed from what each app declares, and the sync that gives it to the groups.

Each app names the permissions of its own models each role holds (`<app>/role_permissions.py`);
no app names another's. The shell, which sits above them all and owns the Wagtail admin, adds
Wagtail's own permissions and composes the table. `people.roles.roles_sync` applies it.
"""

from __future__ import annotations

from certificates.role_permissions import ROLE_PERMISSIONS as CERTIFICATES
from courses.role_permissions import ROLE_PERMISSIONS as COURSES
from people import roles
from people.role_permissions import ROLE_PERMISSIONS as PEOPLE
from people.roles import CRUD, Role
from sandbox.role_permissions import ROLE_PERMISSIONS as SANDBOX
from tracking.role_permissions import ROLE_PERMISSIONS as TRACKING

# The Wagtail admin itself: who may enter it, and what administrators run there.
WAGTAIL: dict[Role, tuple[str, ...]] = {
    Role.TRAINER: ("wagtailadmin.access_admin",),
    Role.ADMINISTRATOR: (
        "wagtailadmin.access_admin",
        *(f"auth.{action}_group" for action in CRUD),
        *(f"wagtailcore.{action}_site" for action in ("add", "change", "delete")),
        *(f"wagtailcore.{action}_locale" for action in ("add", "change", "delete")),
        *(f"wagtailredirects.{action}_redirect" for action in ("add", "change", "delete")),
    ),
}
APP_DECLARATIONS = (PEOPLE, SANDBOX, COURSES, CERTIFICATES, TRACKING, WAGTAIL)

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


def role_permissions() -> dict[Role, frozenset[str]]:
    """Model permissions ("app_label.codename") each role's group holds: every app's declaration."""
    return {
        role: frozenset(key for declaration in APP_DECLARATIONS for key in declaration.get(role, ())) for role in Role
    }


def roles_sync() -> None:
    """Give each role's group exactly the composed permissions."""
    roles.roles_sync(
        role_permissions=role_permissions(),
        page_permissions=ROLE_PAGE_PERMISSIONS,
        collection_permissions=ROLE_COLLECTION_PERMISSIONS,
    )
