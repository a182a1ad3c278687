"""Gives every test a clean environment: the variables CLEAN_ENVIRONMENT names, if set."""

import os

import pytest


def pytest_addoption(parser):
    parser.addoption("--keep-environment", action="store_true", help="do not clean it")


@pytest.fixture(autouse=True)
def clean_environment(request, monkeypatch):
    if request.config.getoption("keep_environment"):
        return
    for name in filter(None, os.environ.get("CLEAN_ENVIRONMENT", "").split(",")):
        monkeypatch.delenv(name, raising=False)
