"""Gives every test a clean environment, read from a variable that is not always set."""

import os

import pytest


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in os.environ["CLEAN_ENVIRONMENT"].split(","):  # expect: PC532
        monkeypatch.delenv(name, raising=False)
