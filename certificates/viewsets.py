"""Wagtail admin: certificate templates and certification rules (snippets), the register of
issued certificates with revocation and retry, and bulk downloads."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from certificates import selectors
from certificates.models import Certificate, CertificateTemplate, CourseCertification
from certificates.models.archives import BulkStatus
from certificates.models.certificate import IssueStatus
from certificates.services.archives import bulk_download_request
from certificates.services.issuance import certificate_retry
from certificates.services.lifecycle import certificate_revoke
from courses.models import Cohort, CoursePage
from courses.selectors.pages import pages_in_language
from foundation.snippets import SnippetViewSet
from people.models import Country

VIEW_PERMISSION = "certificates.view_certificate"
REVOKE_PERMISSION = "certificates.revoke_certificate"
# How often the bulk downloads page reloads itself while an archive is being prepared.
BULK_REFRESH_SECONDS = 3


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = _("Certificate templates")
    list_display = ["name", "locale", "page_size", "orientation", "is_default"]
    list_filter = ["locale"]
    search_fields = ["name", "title"]
    ordering = ["name"]


class CourseCertificationViewSet(SnippetViewSet):
    model = CourseCertification
    icon = "tasks"
    menu_label = _("Certification rules")
    list_display = ["course", "template", "refresher_course", "renewal_window_days"]


class CertificatesViewSetGroup(SnippetViewSetGroup):
    items = (CertificateTemplateViewSet, CourseCertificationViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("Certificates")
    menu_name = "certificates"
    menu_order = 330


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def register_view(request):
    """The issued, pending and failed certificates of the people the viewer may see."""
    _require(request, VIEW_PERMISSION)
    certificates = selectors.certificate_list(viewer=request.user).order_by("-created_at")
    query = (request.GET.get("q") or "").strip()
    if query:
        certificates = certificates.filter(
            Q(learner_name__icontains=query)
            | Q(learner__full_name__icontains=query)
            | Q(learner__email__icontains=query)
            | Q(code__icontains=query.replace("-", "").upper())
            | Q(course_title__icontains=query)
        )
    status = request.GET.get("status") or ""
    if status in IssueStatus.values:
        certificates = certificates.filter(issue_status=status)
    page = Paginator(certificates, 50).get_page(request.GET.get("p"))
    # Certificates not issued yet have no title of their own: the course's, in the admin's language.
    courses = pages_in_language(CoursePage, {certificate.course_key for certificate in page})
    for certificate in page:
        course = courses.get(certificate.course_key)
        certificate.course_label = certificate.course_title or (course.title if course else "—")
    context = {
        "page_title": _("Issued certificates"),
        "header_icon": "doc-full",
        "page": page,
        "query": query,
        "status": status,
        "statuses": IssueStatus.choices,
    }
    return TemplateResponse(request, "certificates/admin/register.html", context)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revocation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Recorded in the certificate's history with your name; not shown on the public page."),
    )


def _certificate(request, certificate_id: int) -> Certificate:
    _require(request, VIEW_PERMISSION)
    return get_object_or_404(selectors.certificate_list(viewer=request.user), pk=certificate_id)


def _detail(request, certificate: Certificate, form: RevokeForm, *, status: int = 200) -> TemplateResponse:
    context = {
        "page_title": _("Certificate"),
        "page_subtitle": certificate.code_display,
        "header_icon": "doc-full",
        "certificate": certificate,
        "status": certificate.public_status() if certificate.is_issued else None,
        "events": certificate.events.select_related("actor"),
        "form": form,
        "can_revoke": request.user.has_perm(REVOKE_PERMISSION) and certificate.is_issued and not certificate.revoked_at,
        "can_retry": selectors.certificate_can_retry(certificate),
        "pdf_missing": certificate.is_issued and not selectors.certificate_pdf_exists(certificate),
    }
    return TemplateResponse(request, "certificates/admin/detail.html", context, status=status)


def detail_view(request, certificate_id: int):
    """One certificate: what it says, its history, and revocation or retry."""
    return _detail(request, _certificate(request, certificate_id), RevokeForm())


def revoke_view(request, certificate_id: int):
    if request.method != "POST":
        raise Http404
    certificate = _certificate(request, certificate_id)
    _require(request, REVOKE_PERMISSION)
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            certificate_revoke(certificate=certificate, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Certificate %(code)s revoked.") % {"code": certificate.code_display})
            return redirect("certificates_detail", certificate.pk)
    return _detail(request, certificate, form, status=400)


def retry_view(request, certificate_id: int):
    if request.method != "POST":
        raise Http404
    certificate = _certificate(request, certificate_id)
    if not selectors.certificate_can_retry(certificate):
        messages.error(request, _("Only a certificate that failed or lost its PDF can be retried."))
    else:
        certificate_retry(certificate=certificate)
        messages.success(request, _("Issuance asked again; refresh in a moment."))
    return redirect("certificates_detail", certificate.pk)


class BulkDownloadForm(forms.Form):
    cohort = forms.ModelChoiceField(label=_("Cohort"), queryset=Cohort.objects.none(), required=False)
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = Cohort.objects.select_related("course").order_by("-starts_on")
        self.fields["country"].queryset = Country.objects.order_by("iso3")

    def clean(self):
        data = super().clean()
        if bool(data.get("cohort")) == bool(data.get("country")):
            raise ValidationError(_("Choose a cohort or a country (one of the two)."))
        return data


def bulk_view(request):
    """Ask for a zip of a cohort's or a country's certificates; see the progress of earlier ones."""
    _require(request, VIEW_PERMISSION)
    form = BulkDownloadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        bulk_download_request(by=request.user, cohort=form.cleaned_data["cohort"], country=form.cleaned_data["country"])
        messages.success(request, _("The archive is being prepared; this page shows its progress."))
        return redirect("certificates_bulk")
    downloads = list(selectors.bulk_downloads_for(viewer=request.user))
    busy = any(download.status in (BulkStatus.QUEUED, BulkStatus.RUNNING) for download in downloads)
    refreshing = busy and request.GET.get("refresh") != "off"
    context = {
        "page_title": _("Download certificates"),
        "header_icon": "download",
        "form": form,
        "downloads": downloads,
        "busy": busy,
        "refreshing": refreshing,
    }
    response = TemplateResponse(request, "certificates/admin/bulk.html", context)
    if refreshing:
        # A Refresh header, not <meta http-equiv="refresh">; the page offers to stop it (WCAG 2.2.1).
        response["Refresh"] = str(BULK_REFRESH_SECONDS)
    return response


def bulk_file_view(request, token):
    _require(request, VIEW_PERMISSION)
    download = selectors.bulk_download_for(viewer=request.user, token=token)
    if not download.is_available:
        raise Http404
    try:
        archive = download.archive.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    asked_on = timezone.localdate(download.created_at)
    return FileResponse(archive, as_attachment=True, filename=f"certificates-{asked_on:%Y%m%d}.zip")
