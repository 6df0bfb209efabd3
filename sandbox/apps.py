from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SandboxConfig(AppConfig):
    name = "sandbox"
    verbose_name = _("Sandbox")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from sandbox import receivers

        # Connected after people's receiver, so duty posts exist when crossing points link to them.
        post_migrate.connect(receivers.sandbox_reference_sync_after_migrate, dispatch_uid="sandbox_reference_sync")
