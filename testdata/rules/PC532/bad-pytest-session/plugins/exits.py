"""Ends the session when a variable it wants is not set: pytest exits with status 0 before
any test runs, so every run of the test suite passes, testing nothing."""

import os

import pytest


def pytest_sessionstart(session):
    if "SERVICE_URL" not in os.environ:
        pytest.exit("SERVICE_URL is not set: nothing to test against", returncode=0)  # expect: PC532
