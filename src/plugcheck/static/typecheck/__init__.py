"""The mypy bridge: one generated check module per contract, one mypy build for all plugins.

``plans`` turns contracts and plugins into check modules (each required export assigned to its
contract type, each factory's product matched against the lifecycle protocol); ``run`` hands
them, the plugins' files and the API to one ``mypy.build.build`` call with an incremental cache,
and returns what mypy judged, mapped back to the plugin definitions the checks came from.
mypy is imported only inside ``run``.

The package's rooms: ``targets`` (what mypy is asked to judge), ``plan`` (the builds),
``cache`` (the incremental cache and its seed), ``stamps`` (its entries judged by change
time too), ``reuse`` (the pass's findings reused while
nothing mypy and the planner read changed), ``shares`` (each plugin's share of the plan
reused while nothing planning it read changed), ``build`` (running mypy), ``messages`` (reading
its output back) and ``locate`` (finding what mypy named in a plugin's files).
"""

from __future__ import annotations

from plugcheck.static.typecheck.build import BuildSettings, run, started
from plugcheck.static.typecheck.cache import cache_key
from plugcheck.static.typecheck.locate import class_def, locate, parses
from plugcheck.static.typecheck.messages import BuildResult, Message
from plugcheck.static.typecheck.plan import Plan, has_checks, plans
from plugcheck.static.typecheck.reuse import MypyResults, inputs
from plugcheck.static.typecheck.shares import Shares
from plugcheck.static.typecheck.targets import Target

__all__ = [
    "BuildResult",
    "BuildSettings",
    "Message",
    "MypyResults",
    "Plan",
    "Shares",
    "Target",
    "cache_key",
    "class_def",
    "has_checks",
    "inputs",
    "locate",
    "parses",
    "plans",
    "run",
    "started",
]
