from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "lms.shell"
    label = "core"
    verbose_name = _("Site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from lms.shell import checks  # noqa: F401 - registers the system checks
        from lms.shell.translation_comments import install as translation_comments_install

        translation_comments_install()
        from lms.shell.receivers import platform_data_sync

        # Reference data and roles, once every app's permissions exist (lms/shell/receivers.py).
        post_migrate.connect(platform_data_sync, dispatch_uid="platform_data_sync")
