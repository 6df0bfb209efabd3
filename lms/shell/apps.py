from django.apps import AppConfig
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
