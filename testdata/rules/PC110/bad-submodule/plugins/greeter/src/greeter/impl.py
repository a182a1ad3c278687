from __future__ import annotations

import subprocess
import sys

from plugapi import Plugin

PYTHON = subprocess.run(  # expect: PC110
    [sys.executable, "--version"], capture_output=True, text=True, check=False
).stdout.strip()


class Greeter:
    def run(self) -> str:
        return f"hello from {PYTHON}"


def new() -> Plugin:
    return Greeter()
