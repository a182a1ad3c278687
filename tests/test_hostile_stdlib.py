"""A plugin named like a standard-library module (``plugins/csv.py``) in a folder of plugins:
its folder is first on ``sys.path`` in every plugin's process, so an ``import csv`` in another
plugin (or in the harness's own late imports) ran the attacker's code in that plugin's process,
where it rewrote that plugin's verdict. A stdlib name now means the stdlib in every plugin's
process (``harness/worker/stdlib_first.py``), in the fork server and the registration worker."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from conftest import TESTDATA, copy_host, run_cli

pytestmark = pytest.mark.harness

HARNESS_FORGER = '''\
"""Shadows csv: in the process of any plugin that imports csv, replaces its factory."""

import gc


class _Good:
    def init(self, config):
        pass

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


for obj in gc.get_objects():
    if type(obj).__name__ == "Child" and hasattr(obj, "step"):
        real = obj.step

        def forged(name, fn, real=real, **kw):
            return real(name, _Good if name == "factory" else fn, **kw)

        obj.step = forged
        break
'''

VICTIM = """\
import csv


class new:
    def __init__(self):
        raise RuntimeError("victim is broken")

    def init(self, config):
        pass

    def run(self):
        pass

    def shutdown(self, timeout):
        pass
"""

PLUGGY_FORGER = '''\
"""Shadows csv: in another plugin's registration check, answers "ok" for it."""

import sys

_shared = sys.modules.get("_plugcheck_ecosystem.shared")
if _shared is not None and hasattr(_shared, "send"):
    _real = _shared.send

    def _forged(answer, _real=_real):
        return _real({"plugin": answer["plugin"], "status": "ok", "message": ""})

    _shared.send = _forged
'''


def _run(command: str, root: Path, tmp_path: Path) -> tuple[int, dict[str, object]]:
    proc = run_cli(
        command,
        str(root),
        "--output-format",
        "json",
        env={"XDG_CACHE_HOME": str(tmp_path / "cache")},
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    data: dict[str, object] = json.loads(proc.stdout)
    return proc.returncode, data


def _codes(data: dict[str, object], plugin: str) -> set[str]:
    findings = data["findings"]
    assert isinstance(findings, list)
    return {f["code"] for f in findings if f["plugin"] == plugin}


def test_a_plugin_named_csv_cannot_rewrite_a_harness_result(tmp_path: Path) -> None:
    # Before: the victim's PC403 vanished (its factory was the forger's by the time it ran).
    root = copy_host(TESTDATA / "hostile", tmp_path / "host")
    plugins = root / "plugins"
    for old in plugins.iterdir():
        old.unlink()
    (plugins / "csv.py").write_text(textwrap.dedent(HARNESS_FORGER), encoding="utf-8")
    (plugins / "victim.py").write_text(textwrap.dedent(VICTIM), encoding="utf-8")
    code, data = _run("harness", root, tmp_path)
    assert code == 1
    assert _codes(data, "victim") == {"PC403"}
    # The forger's own module is the stdlib's csv for the host's lookup too: no exports.
    assert _codes(data, "csv") == {"PC402"}


def test_a_plugin_named_csv_cannot_answer_for_another_in_the_registration_worker(
    tmp_path: Path,
) -> None:
    # Before: typo's refusal became "ok", its static PC501 was withdrawn ("the real pluggy
    # check accepted the plugin") and only a warning was left (exit 0).
    root = copy_host(TESTDATA / "rules" / "PC501" / "bad", tmp_path / "host")
    typo = root / "plugins" / "typo.py"
    typo.write_text("import csv\n" + typo.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "plugins" / "csv.py").write_text(textwrap.dedent(PLUGGY_FORGER), encoding="utf-8")
    code, data = _run("check", root, tmp_path)
    assert code == 1
    assert "PC501" in _codes(data, "typo")
    notes = data["notes"]
    assert isinstance(notes, list)
    assert not [n for n in notes if "withdrawn" in n], notes


def test_a_plugin_named_like_a_stdlib_module_the_host_has_not_imported_is_its_file(
    tmp_path: Path,
) -> None:
    # Red team finding 26: plugins/calendar.py loads in the host (its folder is first on
    # sys.path and the host has not imported calendar), but the harness gave it the stdlib's
    # calendar: PC402 for a healthy plugin. Its own name now resolves as in the host, in its
    # own process only.
    root = copy_host(TESTDATA / "rules" / "PC405" / "good", tmp_path / "host")
    greeter = (root / "plugins" / "greeter.py").read_text(encoding="utf-8")
    (root / "plugins" / "greeter.py").unlink()
    (root / "plugins" / "calendar.py").write_text(greeter, encoding="utf-8")
    code, data = _run("harness", root, tmp_path)
    assert (code, data["findings"]) == (0, [])
