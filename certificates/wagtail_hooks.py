from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from certificates import viewsets


@hooks.register("register_admin_viewset")
def register_certificate_viewsets() -> viewsets.CertificatesViewSetGroup:
    return viewsets.CertificatesViewSetGroup()


@hooks.register("register_admin_urls")
def register_certificate_urls():
    return [
        path("certificates/issued/", viewsets.register_view, name="certificates_register"),
        path("certificates/issued/<int:certificate_id>/", viewsets.detail_view, name="certificates_detail"),
        path("certificates/issued/<int:certificate_id>/revoke/", viewsets.revoke_view, name="certificates_revoke"),
        path("certificates/issued/<int:certificate_id>/retry/", viewsets.retry_view, name="certificates_retry"),
        path("certificates/bulk/", viewsets.bulk_view, name="certificates_bulk"),
        path("certificates/bulk/<uuid:token>/", viewsets.bulk_file_view, name="certificates_bulk_file"),
    ]


class CertificateMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(viewsets.VIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_certificate_register_menu_item() -> MenuItem:
    return CertificateMenuItem(
        _("Issued certificates"), reverse("certificates_register"), icon_name="doc-full", order=331
    )


@hooks.register("register_admin_menu_item")
def register_bulk_download_menu_item() -> MenuItem:
    return CertificateMenuItem(
        _("Download certificates"), reverse("certificates_bulk"), icon_name="download", order=332
    )
