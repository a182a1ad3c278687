"""The Django project a Django-side Celery plugin runs in.

django-celery-results' backends and django-celery-beat's scheduler are models of a Django app: they
load only in a process whose Django settings are configured and whose apps are ready, which is
where Celery loads them (a Django project's ``celery -A proj worker``). Importing this module
configures a minimal project (an in-memory database, the two apps installed) as such a project's
settings do, before any plugin is imported.
"""

from __future__ import annotations

import importlib.util

import django
from django.conf import settings

_APPS = [a for a in ("django_celery_results", "django_celery_beat") if importlib.util.find_spec(a)]

if not settings.configured:
    settings.configure(
        INSTALLED_APPS=["django.contrib.contenttypes", *_APPS],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        USE_TZ=True,
    )
    django.setup()
