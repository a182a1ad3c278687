"""A plugin that reads the patches and task scripts it ships through pkg_resources, pkgutil and
importlib.resources' functions, when it is imported."""

from __future__ import annotations

import os
import pkgutil
from glob import glob
from importlib import resources

import pkg_resources

PATCHES: list[tuple[str, str]] = []

for path in glob(os.path.join(pkg_resources.resource_filename("patcher", "patches"), "*")):
    with open(path, encoding="utf-8") as patch_file:
        PATCHES.append((os.path.basename(path), patch_file.read()))

with open(pkg_resources.resource_filename("patcher", "tasks/lms/init"), encoding="utf-8") as f:
    TASK = f.read()

DATA = pkgutil.get_data("patcher", "patches/one")
TEXT = resources.read_text("patcher", "__init__.py")


class Patcher:
    def run(self) -> str:
        return f"{len(PATCHES)} patches, {TASK}"


def new() -> Patcher:
    return Patcher()
