"""Fails the session when a variable it wants is not set: pytest exits with a status that
fails the run, and says why."""

import os

import pytest


def pytest_sessionstart(session):
    if "SERVICE_URL" in os.environ and not os.environ["SERVICE_URL"]:
        pytest.exit("SERVICE_URL is empty", returncode=1)
