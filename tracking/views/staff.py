"""A country's staff: the drill-down list of statuses (filtered, paged, exported) and a person's page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from tracking import exports
from tracking.forms import PeopleFilterForm
from tracking.selectors.staff import filter_choices, person_page, person_status_list
from tracking.views.base import TrackingView, export_format, private_page

PAGE_SIZE = 50


class PeopleView(TrackingView):
    def get(self, request: HttpRequest, iso2: str) -> HttpResponse:
        country = self.country(iso2)
        choices = filter_choices(viewer=request.user, country=country)
        form = PeopleFilterForm(request.GET or None, choices=choices)
        filters = form.filters() if request.GET else {}
        rows = person_status_list(viewer=request.user, country=country, filters=filters)
        titles = dict(choices["course"])
        file_format = export_format(request)
        if file_format:
            return exports.table_export(
                filename_stem=f"ocam-{country.iso2.lower()}-people",
                headers=[
                    _("Full name"),
                    _("E-mail"),
                    _("Staff number"),
                    _("Authority"),
                    _("Duty post"),
                    _("Job function"),
                    _("Course"),
                    _("Status"),
                    _("Due date"),
                    _("Certificate expires on"),
                ],
                rows=(
                    [
                        row.person.full_name,
                        row.person.email,
                        row.person.staff_profile.staff_number,
                        str(row.authority),
                        str(row.duty_post) if row.duty_post else "",
                        row.get_job_function_display(),
                        titles.get(str(row.course_key), ""),
                        row.get_status_display(),
                        row.due_on,
                        row.expires_on,
                    ]
                    for row in rows.iterator(chunk_size=2000)
                ),
                file_format=file_format,
            )
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        for row in page:
            row.course_title = titles.get(str(row.course_key), "")
        query = request.GET.copy()
        query.pop("page", None)
        return private_page(
            request,
            "tracking/people.html",
            self.base(country, form=form, page=page, titles=titles, query=query.urlencode()),
        )


class PersonView(TrackingView):
    def get(self, request: HttpRequest, iso2: str, pk: int) -> HttpResponse:
        country = self.country(iso2)
        person = person_page(viewer=request.user, country=country, person_id=pk)
        return private_page(request, "tracking/person.html", self.base(country, page=person))
