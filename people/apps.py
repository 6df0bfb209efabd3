from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class PeopleConfig(AppConfig):
    default = True
    name = "people"
    label = "people"
    verbose_name = _("People and organisations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from people import receivers

        m2m_changed.connect(
            receivers.focal_point_requires_country,
            sender=self.get_model("User").groups.through,
            dispatch_uid="people_focal_point_requires_country",
        )
        post_save.connect(
            receivers.preferred_language_from_wagtail_profile,
            sender="wagtailusers.UserProfile",
            dispatch_uid="people_preferred_language_from_wagtail_profile",
        )


class PeopleUsersAdminConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with our user forms (full name, language, staff profile, roles)."""

    default = False
    user_viewset = "people.viewsets.UserViewSet"
