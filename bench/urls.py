"""URLconf of the benchmarks: the product's URLs plus one plain Django view, the baseline.

The extra path lives only here, so the product's URL list is unchanged.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from bench.server import BASELINE_PATH
from lms.urls import urlpatterns as lms_urlpatterns


def plain(request: HttpRequest) -> HttpResponse:
    """The baseline: a small response through the whole middleware stack, no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path(BASELINE_PATH.removeprefix("/"), plain, name="bench_plain"), *lms_urlpatterns]
