"""Wagtail's snippet screens as our apps register them.

Wagtail gives every snippet chooser a "create" URL, even when the chooser offers no creation form
(none of ours does); a POST to it then fails with a 500 (its view calls `is_valid` on no form).
`SnippetViewSet` here answers that POST with a 405, as a URL that takes no POST should; with a
creation form the view is Wagtail's own.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from wagtail.snippets.views import chooser, snippets


class ChooserCreateView(chooser.SnippetCreateView):
    def post(self, request: HttpRequest) -> HttpResponse:
        if self.get_creation_form_class() is None:
            return HttpResponseNotAllowed(["GET"])
        return super().post(request)


class SnippetChooserViewSet(chooser.SnippetChooserViewSet):
    create_view_class = ChooserCreateView


class SnippetViewSet(snippets.SnippetViewSet):
    chooser_viewset_class = SnippetChooserViewSet
