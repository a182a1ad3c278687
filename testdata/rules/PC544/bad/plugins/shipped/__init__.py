"""Reads defaults shipped next to the module, but the file was left out of the package."""

import json
from pathlib import Path

from demo_host import hookimpl

DEFAULTS = json.loads(Path(__file__).with_name("defaults.json").read_text())  # expect: PC544


@hookimpl
def demo_handle(request, context):
    return DEFAULTS.get("answer")
