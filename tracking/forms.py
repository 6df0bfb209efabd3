"""Forms of the country tracking pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from people.models import JobFunction, Language
from tracking.models import TrainingRule
from tracking.selectors.rules import certified_course_choices, certified_course_page


class RuleForm(forms.Form):
    job_function = forms.ChoiceField(label=_("Job function"), choices=JobFunction.choices)
    course = forms.ChoiceField(
        label=_("Course whose certificate is required"),
        help_text=_("Only courses that give a certificate are listed."),
    )
    due_days = forms.IntegerField(
        label=_("Days to complete"),
        min_value=1,
        max_value=730,
        initial=90,
        help_text=_("People who come under the rule must hold the certificate within this many days."),
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args, rule: TrainingRule | None = None, **kwargs) -> None:
        if rule is not None:
            kwargs.setdefault(
                "initial",
                {
                    "job_function": rule.job_function,
                    "course": str(rule.course_key),
                    "due_days": rule.due_days,
                    "is_active": rule.is_active,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["course"].choices = [("", "—"), *certified_course_choices()]
        self.page: CoursePage | None = None

    def clean_course(self) -> str:
        key = self.cleaned_data["course"]
        self.page = certified_course_page(course_key=key)
        if self.page is None:  # unpublished, or its certificate removed, since the form was shown
            raise forms.ValidationError(
                _("This course gives no certificate; a trainer must set up its certificate first.")
            )
        return key

    def course_page(self) -> CoursePage:
        return self.page


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Staff roster (CSV or XLSX)"),
        help_text=_("Columns: e-mail, full name, authority, duty post, job function, staff number, language."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class ReportForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the report"), choices=Language.choices)


class PeopleFilterForm(forms.Form):
    """The drill-down filters (GET): every option comes from the viewer's own country."""

    q = forms.CharField(label=_("Name, e-mail or staff number"), required=False, max_length=100)
    course = forms.ChoiceField(label=_("Course"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    band = forms.ChoiceField(label=_("Expiring within (days)"), required=False)
    authority = forms.ChoiceField(label=_("Authority"), required=False)
    duty_post = forms.ChoiceField(label=_("Duty post"), required=False)
    job_function = forms.ChoiceField(label=_("Job function"), required=False)

    def __init__(self, *args, choices: dict[str, list[tuple[str, str]]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        everything = ("", _("All"))
        for name, options in choices.items():
            extra = [("none", _("No duty post"))] if name == "duty_post" else []
            self.fields[name].choices = [everything, *options, *extra]

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {"q": ""}  # an unknown option filters nothing in, never something out of scope
        return {name: value for name, value in self.cleaned_data.items() if value}
