"""What a synchronous host gets back and cannot use: a lifecycle step that returns a generator or
a coroutine fails, even where the static rules cannot see it (issue 12, red-team family)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plugcheck import Options, Severity, check

from conftest import TESTDATA

pytestmark = pytest.mark.harness


PLUGIN = '''"""run is a generator function bound outside the class body: static cannot tell."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


def _tick(self):
    self.ticks += 1
    yield self.ticks


async def _stop(self, timeout):
    self.ticks = 0


class Ticker:
    run = _tick
    shutdown = _stop

    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
'''


def test_lifecycle_step_returning_a_generator_fails(tmp_path: Path) -> None:
    host = tmp_path / "host"
    shutil.copytree(
        TESTDATA / "rules" / "PC215" / "good", host, ignore=shutil.ignore_patterns("__pycache__")
    )
    (host / "plugins" / "ticker.py").write_text(PLUGIN)
    report = check(Options(paths=(host,), cache_dir=tmp_path / "cache"))
    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    run = [f for f in errors if f.code == "PC407"]
    assert run, [(f.code, f.message) for f in report.findings]
    assert "run() returned a generator, which the host never iterates" in run[0].message


WRAPPER = '''"""A new-style wrapper that drops the hook's results: the host iterates None."""

from demo_host import hookimpl


@hookimpl(wrapper=True)
def demo_render(page):
    yield
'''


def test_hook_call_returning_no_result_list_fails(tmp_path: Path) -> None:
    host = tmp_path / "host"
    case = TESTDATA / "rules" / "PC519" / "bad"
    shutil.copytree(case, host, ignore=shutil.ignore_patterns("__pycache__"))
    for old in (host / "plugins").glob("*.py"):
        old.unlink()
    (host / "plugins" / "dropper.py").write_text(WRAPPER)
    report = check(Options(paths=(host,), cache_dir=tmp_path / "cache"))
    calls = [f for f in report.findings if f.code == "PC519"]
    assert calls, [(f.code, f.message) for f in report.findings]
    assert "not the list of results pluggy gives" in calls[0].message
