from wagtail import hooks

from people.viewsets import OrganisationViewSetGroup


@hooks.register("register_admin_viewset")
def register_organisation_viewsets() -> OrganisationViewSetGroup:
    return OrganisationViewSetGroup()
