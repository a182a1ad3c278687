"""Proof on a real IRC bot host with two plugin shapes: Sopel 8.0 (issue 14).

Sopel loads modules named by `sopel.plugins` entry points and the packages of the old
`sopel_modules` namespace package; for each it calls the optional ``setup(bot)`` with the bot
itself, then registers the plugin's decorated callables (examples/contracts/sopel.toml). The
oracle is Sopel itself: its own plugin enumeration, then load, setup and register on a real bot,
as ``Sopel.setup_plugins`` does, and ``pip check``, the installer's verdict. Broken with Sopel 8:
sopel-modules-osd 0.1.2 (its setup patches ``bot.SopelWrapper``, which Sopel 8 moved out of the
bot), sopel-modules-habitica 0.1.0 (Python 2 syntax), and sopel-modules-election 0.0.7, which
loads but declares ``sopel<8``: the installer refuses it next to Sopel 8.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_ecosystems import CONTRACTS, _cached_venv, _run, _site

from conftest import run_cli

pytestmark = pytest.mark.slow

HOST = ["sopel==8.0.4"]
PLUGINS = [
    "sopel-8ball==1.0.0",
    "sopel-flipper==1.1.0.post0",
    "sopel-dns==0.5.0",
    "sopel-http-codes==0.1.0",
    "sopel-itcrowd==0.1.0",
    "sopel-catfact==0.1.0",
    "sopel-doubts==1.1.0",
    "sopel-inclusivity==0.3.0",
]
NO_DEPS = [
    "sopel-modules-tableflip==0.1.2",
    "sopel-modules-stats==0.1",
    "sopel-modules-osd==0.1.2",
    "sopel-modules-habitica==0.1.0",
    "sopel-modules-election==0.0.7",
]

_ORACLE = """
import json, logging, os, tempfile
logging.disable(logging.CRITICAL)
home = tempfile.mkdtemp()
cfg = os.path.join(home, "default.cfg")
with open(cfg, "w") as f:
    f.write(f"[core]\\nnick = oracle\\nhost = irc.example.net\\nowner = me\\nhomedir = {home}\\n")
from sopel import bot, config, plugins
settings = config.Config(cfg)
sopel = bot.Sopel(settings)
verdicts = {}
for handler, enabled in plugins.enumerate_plugins(settings):
    try:
        handler.load()
        if handler.has_setup():
            handler.setup(sopel)
        handler.register(sopel)
        verdict = "ok"
    except Exception as exc:
        verdict = f"{type(exc).__name__}: {exc}"
    verdicts[handler.name] = [type(handler).__name__, verdict]
print(json.dumps(verdicts))
"""


@pytest.fixture(scope="module")
def python() -> Path:
    return _cached_venv("ecosystem-sopel", [*HOST, *PLUGINS], NO_DEPS)


def _check(python: Path, config: Path, *args: str) -> dict[str, set[str]]:
    """Codes of the error and warning findings of one run, by plugin name."""
    argv = ["check", "--config", str(config), "--python", str(python), "--output-format", "json"]
    proc = run_cli(*argv, *args)
    assert proc.returncode in (0, 1), proc.stderr  # no usage error
    data: dict[str, Any] = json.loads(proc.stdout)
    assert not data["errors"], data["errors"]
    found: dict[str, set[str]] = {}
    for f in data["findings"]:
        if f["severity"] != "info":
            found.setdefault(f["plugin"], set()).add(f["code"])
    return found


@pytest.mark.harness
def test_sopel_plugins(python: Path, tmp_path: Path) -> None:
    proc = _run(python, "-c", _ORACLE)
    assert proc.returncode == 0, proc.stderr
    verdicts = json.loads(proc.stdout)
    assert verdicts["osd"][1] == "AttributeError: 'Sopel' object has no attribute 'SopelWrapper'"
    assert verdicts["habitica"][1].startswith("SyntaxError")
    namespace = {"tableflip", "stats", "osd", "habitica"}
    assert {n for n, (kind, _) in verdicts.items() if kind == "PyModulePlugin"} >= namespace
    entry_points = {n for n, (kind, _) in verdicts.items() if kind == "EntryPointPlugin"}
    assert len(entry_points) == len(PLUGINS) + 2  # election, and Sopel's own sopel-help
    # Sopel's own plugins are left out (its safety plugin downloads a list in setup).
    failing = {
        n
        for n, (kind, verdict) in verdicts.items()
        if verdict != "ok" and (n in namespace or kind == "EntryPointPlugin")
    }
    assert failing == {"osd", "habitica"}, verdicts
    check = _run(python, "-m", "pip", "check")
    assert "sopel-modules-election 0.0.7 has requirement sopel<8,>=7.0" in check.stdout

    # The entry points: only election's pin, PC302.
    assert _check(python, CONTRACTS / "sopel.toml") == {"election": {"PC302"}}
    # The namespace package's plugins, by path: osd's setup reads bot.SopelWrapper (PC531) and
    # osd() three sopel.tools functions Sopel 8 no longer has (PC530); habitica cannot be parsed.
    # All four distributions require sopel<7, which `pip check` refuses next to Sopel 8: PC302,
    # read from the installed distribution whose RECORD lists each module.
    site = _site(python)
    paths = [str(site / "sopel_modules" / n) for n in sorted(namespace)]
    found = _check(python, CONTRACTS / "sopel.toml", "--contract", "sopel-modules", *paths)
    pinned = {n: {"PC302"} for n in namespace}
    assert found == {**pinned, "osd": {"PC531", "PC530", "PC302"}, "habitica": {"PC001", "PC302"}}

    # init, unedited (checked statically: the time budget): the entry-point group, and the
    # sopel_modules package Sopel walks (`sopel_modules.__path__`) as a contract by path. The
    # proposal sits beside that package, where its `paths = ["sopel_modules/*"]` finds it, so
    # one run checks both: nothing on a healthy plugin, all three breaks found.
    proc = run_cli("init", str(site / "sopel"))
    assert proc.returncode == 0, proc.stderr
    assert 'entry-point-group = "sopel.plugins"' in proc.stdout
    assert 'namespace = "sopel_modules"' in proc.stdout
    proposal = tmp_path / "pyproject.toml"
    proposal.write_text(proc.stdout)
    (tmp_path / "sopel_modules").symlink_to(site / "sopel_modules")
    found = _check(python, proposal, "--no-dynamic")
    # The walked package's contract gets the setup(bot) lookup of PyModulePlugin, the handler
    # Sopel builds for each of its modules: osd's bot.SopelWrapper (Sopel's own error) is PC531.
    assert found == {"election": {"PC302"}, "osd": {"PC530", "PC531"}, "habitica": {"PC001"}}
