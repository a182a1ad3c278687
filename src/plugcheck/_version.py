"""The installed plugcheck's version (``0+unknown`` in a source tree that is not installed).

It is read from plugcheck's own ``dist-info`` along ``sys.path``, the first one found, as
``importlib.metadata.version`` finds it, without importing ``importlib.metadata`` (which loads
``email``, ``zipfile`` and ``csv``: most of ``plugcheck --version``'s time)."""

from __future__ import annotations

import os
import sys


def _installed() -> str | None:
    for entry in sys.path:
        where = entry or "."
        try:
            names = sorted(os.listdir(where))
        except OSError:  # not a directory (a zip), or gone
            continue
        for name in names:
            if not (name.startswith("plugcheck-") and name.endswith(".dist-info")):
                continue
            try:
                with open(os.path.join(where, name, "METADATA"), encoding="utf-8") as handle:
                    for line in handle:
                        if line.startswith("Version:"):
                            return line.partition(":")[2].strip()
                        if not line.strip():  # the headers end before the description
                            break
            except OSError:
                continue
    return None


def _version() -> str:
    found = _installed()
    if found is not None:
        return found
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("plugcheck")
    except PackageNotFoundError:  # running from a source tree
        return "0+unknown"


__version__ = _version()
