"""What a run is asked to do (:class:`Options`), and how a bad request fails (exit 2)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plugcheck.model import Severity


class UsageError(Exception):
    """Bad invocation or configuration: exit status 2, one line per problem."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)
        self.passed_over: list[str] = []
        """For a plugin project no contract applies to: each contract and why it does not."""


@dataclass(frozen=True, slots=True)
class Options:
    """Everything a run is asked to do; the CLI and the Python API both build one of these."""

    paths: tuple[Path, ...] = ()
    config: Path | None = None
    python: Path | None = None
    contracts: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity | None = None
    # Type checking (mypy pass).
    mypy: bool = True
    cache: bool = True
    cache_dir: Path | None = None
    strict_plugins: bool = False
    # Dynamic harness.
    dynamic: bool = True
    static: bool = True
    jobs: int | None = None
    require_confinement: bool = False
    """Refuse to run (a usage error) where neither Landlock nor the namespace fallback confines
    what plugin processes read and write; a fork server that confines less than the report
    says is then an error."""
    untrusted_plugins: bool = False
    """The plugins' authors are not trusted (a registry checking uploads): no static refusal
    is withdrawn on the word of the plugin's own process (``engine._withdraw``), and a
    suppression comment in a plugin's own files silences nothing (``suppress``); the
    contract's ``per-plugin-ignores`` still apply."""
    confine: bool = True
    """False: the harness's plugin processes run without Landlock and seccomp (``--no-
    confinement``: to reproduce a kernel without them)."""
    on_result: Callable[[Any], None] | None = None
    """Called with each ``harness.PluginResult`` as soon as that plugin is done (progress)."""
    # Version pinning: check against these API versions instead of the installed one.
    api_versions: tuple[str, ...] = ()
    api_from_target: bool = False
    """Leave out the search-path directories that hold a contract's API package, so that the
    API installed in the target environment is the one checked (``plugcheck impact``, whose
    sides differ in that installed API, while the configuration names the working tree's)."""
    # Delivery.
    shard: tuple[int, int] | None = None
    only: tuple[str, ...] = ()
    """Check only the plugins with these names (the pytest plugin's one item per plugin)."""
    static_only: frozenset[tuple[str, str]] = frozenset()
    """(contract, normalised plugin name) of Python plugins the run passes (mypy, the harness)
    leave out: they get the static pass only (``plugcheck impact`` carries their run passes'
    results over from its before side)."""
    show_suppressed: bool = False
    progress: bool = False
    unsafe_fixes: bool = False
    """Unsafe fixes count as applicable (``--unsafe-fixes``): marked, counted and applied."""


STRICT_ENV = "PLUGCHECK_STRICT"
"""Set by the test suite: an internal error raises instead of becoming a report note."""


def strict() -> bool:
    return bool(os.environ.get(STRICT_ENV))
