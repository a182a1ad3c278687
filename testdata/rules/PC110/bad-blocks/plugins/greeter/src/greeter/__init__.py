"""A plugin with module-level control flow."""

from __future__ import annotations

import os
import tempfile

from plugapi import Plugin

with tempfile.TemporaryDirectory() as scratch:  # expect: PC110
    SCRATCH = scratch

GREETINGS: dict[str, str] = {}
for language in ("en", "fr"):  # expect: PC110
    GREETINGS[language] = language.upper()

if os.path.exists("greeter.debug"):  # the working directory decides
    print("greeter: debug on")  # expect: PC110


class Greeter:
    def run(self) -> str:
        return "hello"


def new() -> Plugin:
    return Greeter()
