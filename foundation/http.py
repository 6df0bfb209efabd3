"""Responses no cache may keep: what a person sees of their own work or of people's data."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers


def never_cached(response: HttpResponse) -> HttpResponse:
    """`response`, marked for no cache to keep (Django's never_cache headers: `max-age=0,
    no-cache, no-store, must-revalidate, private`, which already say private and no-store)."""
    add_never_cache_headers(response)
    return response
