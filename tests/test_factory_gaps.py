"""Factory/lifecycle verdicts agree with a real host loader.

Each case under testdata/rules/ that exercises the factory contract's gaps is run twice: by
plugcheck's static pass, and by the sequence a host really performs — import the plugin,
``new()``, ``isinstance(obj, Plugin)``, ``init(config)``, ``run()``, ``shutdown(timeout)`` — in
a fresh interpreter. A static error must mean the host fails; no error (or only info) must
mean it succeeds.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from plugcheck import Options, Severity, check

from conftest import TESTDATA

pytestmark = pytest.mark.harness


CASES = TESTDATA / "rules"
GAPS = [
    "PC101/bad-deleted",
    "PC101/good-deleted-helper",
    "PC201/bad-redefined",
    "PC201/good-redefined",
    "PC203/bad-plain-decorator",
    "PC203/bad-property",
    "PC203/good-property-callable",
    "PC203/good-protocol-subclass",
    "PC204/bad-protocol-subclass",
    "PC204/good-generic",
    "PC210/bad-abstract",
    "PC210/bad-dataclass",
    "PC210/good",
    "PC211/bad-generator",
    "PC211/bad-no-return",
    "PC211/good",
    "PC212/bad-annotation",
    "PC212/bad-base",
    "PC212/good-deferred",
    "PC212/good-fallback",
    "PC213/bad-assigned",
    "PC213/bad-decorator",
    "PC213/bad-metaclass",
    "PC213/good",
    "PC309/bad",
    "PC309/bad-fallback",
    "PC309/good",
    "PC536/bad-class-init",
    "PC536/bad-dataclass",
    "PC536/good-calls",
    "PC539/bad",
    "PC539/good-guarded",
]

HOST = """
import importlib, json, sys
from plugapi import Plugin

step = "import"
try:
    module = importlib.import_module(sys.argv[1])
    step = "new"
    plugin = module.new()
    step = "isinstance"
    if not isinstance(plugin, Plugin):
        raise TypeError("new() did not return a Plugin")
    step = "init"
    plugin.init({"greeting": "hello"})
    step = "run"
    plugin.run()
    step = "shutdown"
    plugin.shutdown(2.0)
except BaseException as exc:
    print(json.dumps({"failed": step, "error": f"{type(exc).__name__}: {exc}"}))
else:
    print(json.dumps({"failed": None}))
"""


def _host(case: Path, module: str) -> dict[str, str | None]:
    """What the real loader does with one plugin module of the case."""
    proc = subprocess.run(
        [sys.executable, "-B", "-c", HOST, module],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": f"{case / 'api'}:{case / 'plugins'}", "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=60,
        check=False,
    )
    result: dict[str, str | None] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("name", GAPS)
def test_static_verdict_matches_the_real_loader(name: str, tmp_path: Path) -> None:
    case = CASES / name
    report = check(Options(paths=(case,), dynamic=False, cache_dir=tmp_path))
    for module in sorted(p.stem for p in (case / "plugins").glob("*.py")):
        errors = [f for f in report.findings if f.severity is Severity.ERROR and f.plugin == module]
        host = _host(case, module)
        if errors:
            assert host["failed"] is not None, (
                f"{module}: static error {errors[0].code}, but the host loads it"
            )
        else:
            assert host["failed"] is None, (
                f"{module}: host fails at {host['failed']}: {host.get('error')}"
            )
