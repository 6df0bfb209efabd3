"""The URL patterns the matrix covers: every pattern of the resolver, ours and Wagtail's, and a
sample URL for each whose arguments name nothing that exists."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.converters import IntConverter, UUIDConverter

from tests.layout import is_project_module


@dataclass(frozen=True)
class Pattern:
    route: str
    name: str | None
    pattern: URLPattern

    @property
    def key(self) -> str:
        return self.name or self.route

    @property
    def is_project_owned(self) -> bool:
        """Our view, or a Wagtail screen of one of our models (snippets, model viewsets, users, images)."""
        module = self.pattern.callback.__module__
        model = (getattr(self.pattern.callback, "view_initkwargs", None) or {}).get("model")
        model_module = getattr(model, "__module__", "") if model is not None else ""
        return is_project_module(module) or is_project_module(model_module)

    @property
    def is_wagtail_admin(self) -> bool:
        return self.route.startswith("admin/") and self.pattern.callback.__module__.startswith(
            ("wagtail.", "wagtail_localize.")
        )

    @property
    def is_wagtails_own(self) -> bool:
        """One of Wagtail's own admin screens, whose answers Wagtail decides."""
        return self.is_wagtail_admin and not self.is_project_owned


def url_patterns() -> tuple[Pattern, ...]:
    return _patterns_of(get_resolver())


@functools.cache
def _patterns_of(resolver: URLResolver) -> tuple[Pattern, ...]:
    """The patterns of one resolver (Django builds a new one when the URLconf changes)."""

    def walk(patterns, prefix: str, namespace: str | None) -> Iterator[Pattern]:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            else:
                name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
                yield Pattern(route=prefix + str(entry.pattern), name=name, pattern=entry)

    return tuple(walk(resolver.url_patterns, "", None))


def pattern_named(key: str) -> Pattern:
    return _by_key(get_resolver())[key]


@functools.cache
def _by_key(resolver: URLResolver) -> dict[str, Pattern]:
    named: dict[str, Pattern] = {}
    for pattern in _patterns_of(resolver):
        named.setdefault(pattern.key, pattern)  # Wagtail names a few of its screens twice (two routes)
    return named


def sample_url(pattern: Pattern) -> str:
    """A URL that resolves to this pattern, with arguments that name nothing that exists."""
    if pattern.name is None:
        literal = re.sub(r"[\^\$]", "", pattern.route).replace(".*", "anything")
        return "/" + literal
    converters = getattr(pattern.pattern.pattern, "converters", {})
    if converters:
        kwargs = {
            key: 999999
            if isinstance(converter, IntConverter)
            else "00000000-0000-0000-0000-000000000000"
            if isinstance(converter, UUIDConverter)
            else "999999"
            for key, converter in converters.items()
        }
        return reverse(pattern.name, kwargs=kwargs)
    groups = pattern.pattern.pattern.regex.groups
    for args in itertools.product(("999999", "x"), repeat=groups):
        try:
            url = reverse(pattern.name, args=args)
        except Exception:  # noqa: S112 - try the next combination of sample arguments
            continue
        if resolve(url).func is pattern.pattern.callback:
            return url
    return reverse(pattern.name)
