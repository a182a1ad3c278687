"""OpenTelemetry's auto-instrumentation as a real host in the slow suite: every entry point of
`opentelemetry_instrumentor` names a BaseInstrumentor subclass; `opentelemetry-instrument`
(auto_instrumentation/_load.py) skips one whose instrumented library is out of range, then the
distro's load_instrumentor() runs `ep.load()().instrument(skip_dep_check=True)`
(examples/contracts/opentelemetry.toml).

As in test_ecosystems.py: a cached venv with the pinned host and real PyPI instrumentations,
OpenTelemetry's own dependency check and DefaultDistro().load_instrumentor() of each entry point
as the oracle, run first. opentelemetry-instrumentation-logging 0.20b0 predates the abstract
instrumentation_dependencies() of today's BaseInstrumentor: instantiating it raises TypeError,
which stops the whole auto-instrumentation. BaseInstrumentor's module is marked `# type: ignore`
as a whole, so mypy reads nothing in it: that is PC534 (info), not a configuration error.
plugcheck must give no error and no warning to the instrumentations OpenTelemetry loads and name
the cause for the one it does not, with the shipped contract and with `plugcheck init`'s
proposal, unedited.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_ecosystems import _cached_venv, _check, _init_checked, _judged, _run

pytestmark = pytest.mark.slow

_INSTRUMENTED = ["requests", "urllib", "urllib3", "sqlite3", "threading", "asyncio", "jinja2"]
PINS = [
    "opentelemetry-api==1.45.1",
    "opentelemetry-instrumentation==0.66b1",
    *(f"opentelemetry-instrumentation-{name}==0.66b1" for name in [*_INSTRUMENTED, "click"]),
    "requests==2.34.2",
    "urllib3==2.8.0",
    "jinja2==3.1.6",
    "click==8.5.1",
]
HEALTHY = {*_INSTRUMENTED, "click"}
BROKEN = "logging"

_ORACLE = """
import importlib.metadata as md, json
from opentelemetry.instrumentation.auto_instrumentation._load import _EntryPointDistFinder
from opentelemetry.instrumentation.dependencies import get_dist_dependency_conflicts
from opentelemetry.instrumentation.distro import DefaultDistro
finder, out = _EntryPointDistFinder(), {}
for ep in md.entry_points(group="opentelemetry_instrumentor"):
    try:
        conflict = get_dist_dependency_conflicts(finder.dist_for(ep))
        if conflict:
            out[ep.name] = f"skipped: {conflict}"
            continue
        DefaultDistro().load_instrumentor(ep, skip_dep_check=True)
        out[ep.name] = "ok"
    except Exception as exc:
        out[ep.name] = f"{type(exc).__name__}: {exc}"
print(json.dumps(out))
"""


@pytest.mark.harness
def test_opentelemetry_instrumentors(tmp_path: Path) -> None:
    python = _cached_venv("opentelemetry", PINS, ["opentelemetry-instrumentation-logging==0.20b0"])
    loads = json.loads(_run(python, "-c", _ORACLE).stdout)
    assert {name for name, said in loads.items() if said == "ok"} == HEALTHY, loads
    assert "Can't instantiate abstract class LoggingInstrumentor" in loads[BROKEN], loads

    data = _check(python, "opentelemetry.toml")
    noise, broken = _judged(data, HEALTHY, BROKEN)
    assert noise == []
    assert {f["code"] for f in broken} == {"PC403", "PC302"}, broken
    (built,) = [f for f in broken if f["code"] == "PC403"]
    assert "abstract method instrumentation_dependencies" in built["message"]

    # `plugcheck init` on opentelemetry.instrumentation, unedited: a contract per group; the
    # instrumentor loop hands each entry point to distro.load_instrumentor(), whose
    # `instrumentor()` is how init learns the objects are called (with no arguments).
    proposal, data = _init_checked(python, "opentelemetry/instrumentation", tmp_path)
    assert 'export = "entry-point"  # host: distro.py:51' in proposal
    noise, broken = _judged(data, HEALTHY, BROKEN)
    assert noise == []
    assert [f["code"] for f in broken] == ["PC532"], broken
    assert "abstract method instrumentation_dependencies" in broken[0]["message"]
