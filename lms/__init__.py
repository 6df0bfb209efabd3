"""Composition root of the OCAM training platform: settings, URLs, Celery, site templates."""

from lms.celery import app as celery_app

__all__ = ["celery_app"]
