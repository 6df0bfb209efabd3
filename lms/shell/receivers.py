"""After `migrate` (or a test database's flush): the reference data and the roles, once.

Django sends `post_migrate` once per app, in the order of INSTALLED_APPS, and creates each
app's content types and permissions as that app's turn comes. The reference data (countries,
authorities, duty posts, then the sandbox's crossing points on those posts) and the roles
(whose permissions belong to every app) need all of it. So they are synced on the shell's own
turn, wherever it stands, after creating the content types and permissions of every app whose
turn has not come yet: nothing depends on the order of INSTALLED_APPS.
"""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig, apps
from django.db import DEFAULT_DB_ALIAS


def platform_data_sync(sender: AppConfig, using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    if sender.name != "lms.shell":
        return
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    from lms.shell.roles import roles_sync
    from people.reference import reference_data_sync
    from sandbox.reference import sandbox_reference_sync

    configs = list(apps.get_app_configs())
    for config in configs[configs.index(sender) :]:
        create_contenttypes(config, verbosity=0, using=using)
        create_permissions(config, verbosity=0, using=using)
    reference_data_sync()
    sandbox_reference_sync()  # crossing points link to the duty posts just synced
    roles_sync()
