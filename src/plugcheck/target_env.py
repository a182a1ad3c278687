"""The environment variables of the target interpreter's processes that plugcheck starts outside
the harness: the environment query and mypy's search-path probe.

Both run the target's ``site``, which executes the ``import`` lines of every installed ``.pth``
file (PC356): code an installed distribution chose. Those processes get what locates the
interpreter's paths and nothing else, so such code never sees a CI token or a cloud credential
from plugcheck's environment.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

BASE = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ")
"""What every process plugcheck starts with the target interpreter keeps (the harness's plugin
processes too)."""

PLUGIN_KEPT = (*BASE, "HOME", "TMPDIR", "SYSTEMROOT")
"""What a plugin process finds set besides the contract's ``lifecycle.env``: :data:`BASE`, the
home and temporary directory each harness child is given, and what the sandbox keeps for
Windows (``sandbox.DEFAULT_ENV_ALLOW``)."""

KEPT = (
    *BASE,
    "HOME",  # the user site directory is below it
    "PYTHONPATH",
    "PYTHONHOME",
    "PYTHONUSERBASE",
    "PYTHONNOUSERSITE",
    "PYTHONPLATLIBDIR",
    "PYTHONSAFEPATH",
    "VIRTUAL_ENV",
)
"""What decides the target's ``sys.path`` (and the locale its output is read in)."""


def for_target(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """``environ`` (default: plugcheck's) reduced to :data:`KEPT`."""
    source = os.environ if environ is None else environ
    return {name: source[name] for name in KEPT if name in source}


def scrub_own(also: tuple[str, ...] = ()) -> None:
    """Reduce this process's own environment to :data:`KEPT` and ``also`` (a forked child that
    starts the target interpreter through a library that passes ``os.environ`` on: mypy's
    probe)."""
    kept = for_target()
    kept.update({name: os.environ[name] for name in also if name in os.environ})
    os.environ.clear()
    os.environ.update(kept)
