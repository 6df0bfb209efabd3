"""URL configuration. User-facing pages are under i18n_patterns: Spanish at /, English at /en/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.decorators.cache import never_cache
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from certificates import views as certificate_views
from lms.shell import views as core_views
from people import viewsets as people_admin
from tracking.api import api as tracking_api

urlpatterns = [
    # Wagtail's admin error tests answer anyone, even anonymous visitors, with a 500 or a 404.
    path("admin/failwhale/", core_views.not_found, name="admin_error_test_hidden"),
    path("admin/test404/", core_views.not_found, name="admin_test404_hidden"),
    # One login for the whole platform (throttled, in the user's language): Wagtail's own
    # admin login page sends people to it, keeping ?next=.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="people:login", query_string=True),
        name="admin_login_redirect",
    ),
    # Wagtail's account page without the first/last name and e-mail fields (people/viewsets.py),
    # behind the same admin access check as the rest of the admin.
    path(
        "admin/account/",
        never_cache(require_admin_access(people_admin.AccountView.as_view())),
        name="admin_account",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", core_views.language_set, name="language_set"),
    path("healthz/", core_views.health, name="health"),
    # Published for offline verifiers (docs/certificate-payload.md): no language prefix.
    path(".well-known/ocam-certificate-keys.json", certificate_views.keys_document, name="certificate_keys"),
    path(
        ".well-known/ocam-certificate-revocations.json",
        certificate_views.revocations_document,
        name="certificate_revocations",
    ),
    # The read API for the information platform (bearer tokens, OpenAPI at .../openapi.json).
    path("api/tracking/v1/", tracking_api.urls),
    # Uploads in development only; in production the reverse proxy serves MEDIA_ROOT.
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", core_views.media_serve, name="media"),
]

urlpatterns += i18n_patterns(
    path("account/", include("people.urls")),
    path("sandbox/", include("sandbox.urls")),
    path("courses/", include("courses.urls")),
    path("certificates/", include("certificates.urls")),
    path("tracking/", include("tracking.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
