"""What a run starts before its static pass: mypy's fork helper for a fleet, and the fork server
of its one Python contract, each while this process's heap is still small and the passes that
need them are still to come."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import ExitStack

from plugcheck.environment import Environment
from plugcheck.model import Contract, Plugin
from plugcheck.options import Options
from plugcheck.rules.dynamic import launched_early
from plugcheck.static.typecheck.bounded import forked_early
from plugcheck.static.typecheck.plan import part_size


def start_early(
    options: Options,
    found: int,
    early: ExitStack,
    unit: tuple[Contract, Sequence[Plugin]],
    env: Environment,
    *,
    alone: bool,
    guarded: Sequence[Plugin] = (),
) -> None:
    """For a fleet mypy checks in parts (``part_size()`` plugins found so far, 2,000 unless
    PLUGCHECK_MYPY_PART says), mypy's builds are forked from a process forked now, before the
    static pass grows this one's heap: a build forked from here later would hold every page of
    it too (466 MiB at 10,000 plugins). Not for a smaller fleet: the fork costs a copy-on-write
    fault on every page this process writes afterwards (5,000, 4% of a 1,000-plugin warm
    rerun), more than a small heap's pages cost the build.

    Then, when ``unit`` is the run's only Python contract (``alone``), its fork server starts
    (:func:`~plugcheck.rules.dynamic.launched_early`): after that fork, and with no later one,
    so no process of plugcheck's but this one holds the server's sockets; ``guarded``: the
    contract's plugins other runs check, whose code that server never runs either."""
    if options.mypy and found >= part_size():
        early.enter_context(forked_early())  # once per run: inside, a no-op
    if alone:
        early.enter_context(launched_early(*unit, env, options, guarded))
