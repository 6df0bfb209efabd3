"""Wagtail admin screens for people: users with their staff profile and roles, the reference data, and
one's own account page."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import account as wagtail_account
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.users.views import users as wagtail_users

from people.admin_forms import PersonCreationForm, PersonEditForm
from people.models import Authority, Country, DutyPost, User
from people.selectors import user_list


class CountryScopedObjectMixin:
    """A user outside the viewer's country scope does not exist for them (404)."""

    def get_object(self, *args: object, **kwargs: object) -> User:
        user = super().get_object(*args, **kwargs)
        if not user_list(viewer=self.request.user).filter(pk=user.pk).exists():
            raise Http404
        return user


class ScopedUserIndexView(wagtail_users.IndexView):
    search_fields = ["email", "full_name"]

    def get_base_queryset(self) -> QuerySet[User]:
        return super().get_base_queryset().filter(pk__in=user_list(viewer=self.request.user).values("pk"))


class ScopedUserEditView(CountryScopedObjectMixin, wagtail_users.EditView):
    pass


class ScopedUserDeleteView(CountryScopedObjectMixin, wagtail_users.DeleteView):
    pass


class ScopedUserHistoryView(CountryScopedObjectMixin, wagtail_users.HistoryView):
    pass


class ScopedUserUsageView(CountryScopedObjectMixin, UsageView):
    pass


class UserViewSet(wagtail_users.UserViewSet):
    """Wagtail's user screens, with our forms and the people selectors' country scope."""

    template_prefix = "wagtailusers/users/"
    copy_view_enabled = False
    index_view_class = ScopedUserIndexView
    edit_view_class = ScopedUserEditView
    delete_view_class = ScopedUserDeleteView
    history_view_class = ScopedUserHistoryView
    usage_view_class = ScopedUserUsageView

    def get_form_class(self, for_update: bool = False) -> type:
        return PersonEditForm if for_update else PersonCreationForm


class AccountView(wagtail_account.AccountView):
    """Wagtail's own account page (language, theme, picture, password) without its name and e-mail
    panel: the platform's User has one full name, not a first and a last name, and a person's name
    (printed on certificates) and login e-mail are an administrator's to change."""

    def get_panels(self) -> list[wagtail_account.BaseSettingsPanel]:
        return [
            panel for panel in super().get_panels() if not isinstance(panel, wagtail_account.NameEmailSettingsPanel)
        ]


class CountryViewSet(ModelViewSet):
    """Read-only for everyone: the eight OCAM members are maintained in people/reference.py."""

    model = Country
    icon = "globe"
    menu_label = _("Countries")
    list_display = ["name_es", "name_en", "iso2", "iso3", "is_ca4"]
    search_fields = ["name_es", "name_en", "iso3"]
    ordering = ["name_es"]
    form_fields = ["name_es", "name_en", "time_zone", "is_ca4"]
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True


class AuthorityViewSet(ModelViewSet):
    """Read-only for everyone: official names are maintained in people/reference.py."""

    model = Authority
    icon = "group"
    menu_label = _("Authorities")
    list_display = ["name", "acronym", "country"]
    list_filter = ["country"]
    search_fields = ["name", "name_en", "acronym"]
    ordering = ["code"]
    form_fields = ["name", "name_en", "acronym"]
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True


class DutyPostViewSet(ModelViewSet):
    model = DutyPost
    icon = "site"
    menu_label = _("Duty posts")
    list_display = ["name", "code", "country", "kind", "is_active"]
    list_filter = ["country", "kind", "is_active"]
    search_fields = ["name", "code"]
    ordering = ["country__name_es", "name"]
    form_fields = ["country", "code", "name", "kind", "neighbour_iso3", "counterpart_code", "iata", "is_active"]
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True


class OrganisationViewSetGroup(ModelViewSetGroup):
    menu_label = _("Organisations")
    menu_icon = "globe"
    menu_order = 500
    items = (CountryViewSet, AuthorityViewSet, DutyPostViewSet)
