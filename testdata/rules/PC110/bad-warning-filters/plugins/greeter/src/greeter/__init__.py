"""A plugin that silences a warning of an import it makes for the whole process."""

from __future__ import annotations

import warnings

from plugapi import Plugin

warnings.filterwarnings("ignore", message="legacy shim", category=UserWarning)  # expect: PC110
# Only its own modules' warnings (pyinstrument's shape): the plugin's work, info.
warnings.filterwarnings("once", ".*", DeprecationWarning, r"greeter\..*")  # expect: PC110
# A pattern that starts like the plugin but matches the host's modules too: the host's filters.
warnings.filterwarnings("ignore", module="gree")  # expect: PC110

import json  # noqa: E402


class Greeter:
    def run(self) -> str:
        return json.dumps("hello")


def new() -> Plugin:
    return Greeter()
