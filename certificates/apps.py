from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from certificates import receivers
        from courses.signals import course_completed

        course_completed.connect(receivers.course_completed, dispatch_uid="certificates_course_completed")
