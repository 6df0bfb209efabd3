from django.apps import AppConfig
from django.db.models.signals import pre_delete
from django.utils.translation import gettext_lazy as _


class SandboxConfig(AppConfig):
    name = "sandbox"
    verbose_name = _("Sandbox")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from sandbox import receivers

        pre_delete.connect(
            receivers.sandbox_layer_release,
            sender=self.get_model("Sandbox"),
            dispatch_uid="sandbox_layer_release",
        )
