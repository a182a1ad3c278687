"""Plugins that attack the setup-function worker (``_ecosystem_worker/``: pluggy registration,
setup functions, subclass and plugin-class checks), which once imported every plugin of a
contract into one process and printed every answer on one stdout. Each case is a real plugin
run through the CLI beside a plugin it attacks; the attacked plugin's verdict must stay its own
and the attacker must not pass."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import TESTDATA, copy_host

pytestmark = pytest.mark.harness

RULES = TESTDATA / "rules"

FORGER = '''\
"""Rewrites every answer of the worker it is imported into, and writes one for 'typo'."""

import json
import sys

from demo_host import hookimpl

# The worker's writer of answers: its package's ``shared.send`` (it once was ``__main__``'s
# ``_emit``, then ``shared.emit``).
_shared = sys.modules.get("_plugcheck_ecosystem.shared")
if _shared is not None and hasattr(_shared, "send"):
    _real = _shared.send

    def _forged(answer):
        _real({"plugin": answer["plugin"], "status": "ok", "message": ""})

    _shared.send = _forged
    print(json.dumps({"plugin": "typo", "status": "ok", "message": ""}), file=_shared.OUT)
    _shared.OUT.flush()

# Every pluggy manager in its process (the worker builds one with the host's hookspecs before
# it forks each plugin's child) made to accept anything and emptied of its hookspecs: only its
# own copy, never the one typo is judged with.
import gc

import pluggy

for _manager in [o for o in gc.get_objects() if isinstance(o, pluggy.PluginManager)]:
    _manager.register = lambda plugin, name=None: name
    for _hook in list(vars(_manager.hook)):
        delattr(_manager.hook, _hook)
'''


def _check(root: Path, tmp_path: Path) -> tuple[int, str, list[dict[str, object]]]:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    proc = subprocess.run(
        [sys.executable, "-m", "plugcheck", "check", str(root), "--output-format", "json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    data = json.loads(proc.stdout)
    findings: list[dict[str, object]] = data["findings"]
    return proc.returncode, proc.stdout, findings


def _codes(findings: list[dict[str, object]], plugin: str) -> set[str]:
    return {str(f["code"]) for f in findings if f.get("plugin") == plugin}


def _plugin(root: Path, name: str, source: str) -> None:
    (root / "plugins" / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")


def test_a_plugin_cannot_rewrite_another_plugins_registration(tmp_path: Path) -> None:
    # Before: the forger's import replaced the worker's _emit and printed an "ok" for typo; the
    # real pluggy check "accepted" typo, its PC501 was withdrawn and the run said "All checks
    # passed" (exit 0). Now each plugin is judged in a child of its own.
    root = copy_host(RULES / "PC501" / "bad", tmp_path / "host")
    _plugin(root, "forger", FORGER + "\n\n@hookimpl\ndef demo_startup(config):\n    return None\n")
    code, _, findings = _check(root, tmp_path)
    assert code == 1
    assert "PC501" in _codes(findings, "typo")
    forged = [f for f in findings if f["plugin"] == "forger" and f["code"] == "PC416"]
    assert forged and "naming other plugins (typo)" in str(forged[0]["message"])


def test_a_plugin_adding_hookspecs_runs_beside_no_other_plugin(tmp_path: Path) -> None:
    # pytest-style hosts (an addhooks hook) checked each plugin against the hookspecs every
    # other plugin adds, all in one process: an attacker implementing the addhooks hook patched
    # pluggy's register() to accept anything. Now the hookspecs others add reach each plugin's
    # process as data; none of their code runs there.
    root = copy_host(RULES / "PC501" / "good_addhooks", tmp_path / "host")
    _plugin(
        root,
        "patcher",
        """\
        import pluggy
        from demo_host import hookimpl

        pluggy.PluginManager.register = lambda self, plugin, name=None: name
        pluggy.PluginManager.check_pending = lambda self: None


        @hookimpl
        def demo_addhooks(pluginmanager):
            return None
        """,
    )
    # The extender's hook, with an argument its hookspec does not have: pluggy refuses it.
    _plugin(
        root,
        "user_bad",
        """\
        from demo_host import hookimpl


        @hookimpl
        def demo_extender_ready(config, extra):
            return None
        """,
    )
    # The extender's hook as its hookspec has it: accepted (the rebuilt spec is faithful).
    _plugin(
        root,
        "user_good",
        """\
        from demo_host import hookimpl


        @hookimpl
        def demo_extender_ready(config):
            return None
        """,
    )
    code, _, findings = _check(root, tmp_path)
    assert code == 1
    assert _codes(findings, "user_bad") & {"PC501", "PC502", "PC503"}, findings
    assert _codes(findings, "user_good") == set(), findings
    assert _codes(findings, "extender") == set(), findings


@pytest.mark.parametrize(
    "attack",
    [
        "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n",
        "import os\nos._exit(0)\n",
        # A line nested 200,000 deep on the answers' pipe: the worker's json.loads raised
        # RecursionError and every plugin of the contract was PC416 (red team sand15).
        'import sys\nout = sys.modules["_plugcheck_ecosystem.shared"].OUT\n'
        'out.write("[" * 200000 + "\\n")\nout.flush()\n',
    ],
    ids=["kill-the-worker", "exit-at-import", "deep-answer"],
)
def test_a_plugin_cannot_end_the_worker_for_the_others(tmp_path: Path, attack: str) -> None:
    # Before: a plugin that killed its process (the worker) or called os._exit at import left
    # every other plugin of the contract unchecked (PC416, a false error for a healthy plugin).
    # Now its child ends alone; the worker's own process is out of its reach (a Landlock
    # domain of its own scopes its signals).
    root = copy_host(RULES / "PC531" / "good", tmp_path / "host")
    _plugin(root, "aaa_attacker", attack + "\n\ndef setup(app):\n    return {}\n")
    _, _, findings = _check(root, tmp_path)
    assert _codes(findings, "compat_ext") == set(), findings
    assert _codes(findings, "aaa_attacker"), "the attacker does not pass"


def test_a_huge_answer_does_not_crowd_out_the_others(tmp_path: Path) -> None:
    # Before: a setup() raising with a 3 MB message filled the worker's bounded stdout, and
    # every plugin answered after it was PC416 ("the worker gave no answer for it"). Each
    # string of an answer is now cut to a bound before it leaves the worker.
    root = copy_host(RULES / "PC531" / "good", tmp_path / "host")
    _plugin(root, "aaa_huge", 'def setup(app):\n    raise ValueError("x" * 3_000_000)\n')
    # An exception whose __str__ never returns (and swallows the first interruption): before,
    # its child hung until its whole deadline (155 s) and the plugin was PC416 "not checked".
    _plugin(
        root,
        "aaa_mute",
        """\
        class Mute(Exception):
            def __str__(self):
                try:
                    while True:
                        pass
                except BaseException:
                    while True:
                        pass

        def setup(app):
            raise Mute()
        """,
    )
    start = time.monotonic()
    _, _, findings = _check(root, tmp_path)
    assert time.monotonic() - start < 60
    assert _codes(findings, "compat_ext") == set(), findings
    assert "PC532" in _codes(findings, "aaa_huge"), findings
    (mute,) = [f for f in findings if f.get("plugin") == "aaa_mute"]
    assert mute["code"] == "PC532" and "str() did not return" in str(mute["message"]), mute


SHADOW = '''\
"""Shadows the host's pluggy: the plugins' folder is on the worker's path before the
environment's site-packages. Loads the real one and makes register() accept anything."""

import os
import sys

_here = os.path.dirname(os.path.abspath(__file__))
_saved = list(sys.path)
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _here]
del sys.modules[__name__]
import pluggy as _real

sys.path[:] = _saved
_real.PluginManager.register = lambda self, plugin, name=None: name
sys.modules[__name__] = _real
'''


def test_a_plugin_named_like_a_host_module_is_not_imported_as_the_host(tmp_path: Path) -> None:
    # Before: the worker imported pluggy (and the host's modules) with the plugins' folder on
    # its path, so plugins/pluggy.py ran in the worker's own process, before any child was
    # forked: typo's refusal vanished and its static PC501 was withdrawn.
    root = copy_host(RULES / "PC501" / "bad", tmp_path / "host")
    _plugin(root, "pluggy", SHADOW)
    _, _, findings = _check(root, tmp_path)
    assert "PC501" in _codes(findings, "typo"), findings


def test_a_setup_function_spawning_as_multiprocessing_does_is_counted(tmp_path: Path) -> None:
    # Before: _posixsubprocess.fork_exec (multiprocessing's spawn and forkserver start methods)
    # raised no audit event, so the quota never counted it: 60 processes alive at once passed
    # (red team sand17). Now it is the sandbox's refusal, as a fork loop is.
    root = copy_host(RULES / "PC531" / "good", tmp_path / "host")
    _plugin(
        root,
        "aaa_spawn",
        """\
        from multiprocessing import util


        def setup(app):
            for _ in range(60):
                util.spawnv_passfds(b"/bin/sleep", [b"/bin/sleep", b"3"], ())
            return {}
        """,
    )
    # One plugin fills its directory and leaves it so; the next writes a file into its own.
    # Before, they shared the worker's directory (the launcher's tmpfs, 64 MiB), and the second
    # failed with ENOSPC: PC532 for a healthy plugin (red53).
    _plugin(
        root,
        "aaa_filler",
        """\
        import os


        def setup(app):
            try:
                with open(os.path.join(os.environ["HOME"], "fill"), "wb") as fill:
                    for _ in range(80):
                        fill.write(bytes(1 << 20))
            except OSError:
                pass
            return {}
        """,
    )
    _plugin(
        root,
        "zzz_writer",
        """\
        import os


        def setup(app):
            with open(os.path.join(os.environ["HOME"], "cache"), "wb") as cache:
                cache.write(bytes(1 << 20))
            return {}
        """,
    )
    _, _, findings = _check(root, tmp_path)
    # The sleeps it did start and left running are PC569 when the census sees them (3 s each).
    codes = _codes(findings, "aaa_spawn")
    assert "PC420" in codes and codes <= {"PC420", "PC569"}, findings
    assert _codes(findings, "compat_ext") == set(), findings
    assert _codes(findings, "zzz_writer") == set(), findings


def test_a_thread_that_ends_the_process_after_the_answer_does_not_pass(tmp_path: Path) -> None:
    # Before: a setup() whose thread ended the process once the answer was written passed
    # (the child answered "ok" and ended at once, before the thread ran), while in the host the
    # thread ends the host (red team red25). Now the census waits for the non-daemon thread, and
    # a child that ends with status 0 before its last line is not done: PC416.
    root = copy_host(RULES / "PC531" / "good", tmp_path / "host")
    _plugin(
        root,
        "aaa_quitter",
        """\
        import os
        import threading
        import time


        def _later():
            time.sleep(0.3)
            os._exit(0)


        def setup(app):
            threading.Thread(target=_later).start()
            return {}
        """,
    )
    _, _, findings = _check(root, tmp_path)
    said = [f["message"] for f in findings if f.get("plugin") == "aaa_quitter"]
    assert _codes(findings, "aaa_quitter") == {"PC416"}, findings
    assert "before it was done" in str(said), said
    assert _codes(findings, "compat_ext") == set(), findings


LOADED_HOST = {
    "pyproject.toml": '[project]\nname = "nbhost"\nversion = "1.0"\n'
    '[tool.plugcheck.contracts.nb]\nkind = "pluggy"\nentry-point-group = "nbhost"\n'
    'preload = ["nbhost.engines"]\n[tool.plugcheck.contracts.nb.pluggy]\nproject = "nbhost"\n'
    'hookspecs = ["nbhost.spec"]\n',
    "site/nbhost/__init__.py": "",
    "site/nbhost-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: nbhost\nVersion: 1.0\n",
    "site/nbhost/spec.py": "import pluggy\n\nhookspec = pluggy.HookspecMarker('nbhost')\n"
    "hookimpl = pluggy.HookimplMarker('nbhost')\n\n\n@hookspec\ndef nb_start(config):\n"
    "    '''Start.'''\n",
    # papermill's shape: importing the host's module loads every installed plugin.
    "site/nbhost/engines.py": "from importlib.metadata import entry_points\n\nimport pluggy\n\n"
    "from nbhost import spec\n\nPM = pluggy.PluginManager('nbhost')\nPM.add_hookspecs(spec)\n"
    "for ep in entry_points(group='nbhost'):\n    PM.register(ep.load(), name=ep.name)\n",
}
ANSWER_FORGER = """\
import gc
import types

from nbhost.spec import hookimpl

for _o in gc.get_objects():
    if not isinstance(_o, types.ModuleType) or not hasattr(_o, "skipped"):
        continue
    if hasattr(_o, "APART"):  # the worker's own process reads every child's answers
        _apart, _answers = _o.APART, _o.APART.answers
        _apart.answers = lambda output, name: ([{"plugin": name, "status": "ok"}], [])
    if hasattr(_o, "send"):  # a plugin's child: its answer
        _send = _o.send
        _o.send = lambda answer, _send=_send: _send({**answer, "status": "ok", "message": ""})


@hookimpl
def nb_start(config):
    return None
"""


# Two more contracts of the same host, whose hookspec modules load the plugins: sqlfluff's form
# (a class, "module:Class"), its plugin manager in a module the import completes first; and a
# module whose installed plugins are an attribute made when read (add_hookspecs, or the
# worker's copy of the specs, reads every name it lists).
SPECS_LOAD_PLUGINS = {
    "site/nbhost/manager.py": "import pluggy\n\nPM = pluggy.PluginManager('nbhost')\n",
    "site/nbhost/clsspecs.py": "from nbhost.manager import PM\nfrom nbhost.spec import hookspec"
    "\n\n\nclass Spec:\n    @hookspec\n    def nb_start(self, config):\n        pass\n"
    "\n\nPM.add_hookspecs(Spec)\nPM.load_setuptools_entrypoints('nbhost.cls')\n",
    "site/nbhost/lazyspecs.py": "from importlib.metadata import entry_points\n\n"
    "from nbhost.spec import hookspec\n\n\n@hookspec\ndef nb_start(config):\n    pass"
    "\n\n\ndef __dir__():\n    return ['nb_start', 'plugins']\n\n\ndef __getattr__(name):\n"
    "    if name == 'plugins':\n"
    "        return [ep.load() for ep in entry_points(group='nbhost.lazy')]\n"
    "    raise AttributeError(name)\n",
}
SPECS_CONTRACTS = "".join(
    f'[tool.plugcheck.contracts.{name}]\nkind = "pluggy"\nentry-point-group = "nbhost.{name}"\n'
    f'[tool.plugcheck.contracts.{name}.pluggy]\nproject = "nbhost"\nhookspecs = ["{spec}"]\n'
    for name, spec in (("cls", "nbhost.clsspecs:Spec"), ("lazy", "nbhost.lazyspecs"))
)
TYPO = "from nbhost.spec import hookimpl\n\n\n@hookimpl\ndef nb_strat(config):\n    return None\n"
# A setup-function contract whose stand-in is a module attribute made when read, which loads
# the plugins first: setup_typo's setup() fails on the host's app, setup_forger says "ok" for it.
SETUP_LOADS_PLUGINS = {
    "site/nbhost/app.py": "from importlib.metadata import entry_points\n\n\nclass App:\n"
    "    ready = False\n\n\ndef __getattr__(name):\n    if name == 'make_app':\n"
    "        [ep.load() for ep in entry_points(group='nbhost.setup')]\n        return App\n"
    "    raise AttributeError(name)\n",
}
SETUP_CONTRACT = (
    '[tool.plugcheck.contracts.setup]\nkind = "factory"\nentry-point-group = "nbhost.setup"\n'
    '[tool.plugcheck.contracts.setup.exports]\nsetup = { kind = "function" }\n'
    '[tool.plugcheck.contracts.setup.setup-function]\nexport = "setup"\n'
    'argument = "nbhost.app:App"\nstand-in = "nbhost.app:make_app"\n'
)
SETUP_TYPO = (
    "def setup(app):\n    if not app.ready:\n        raise RuntimeError('the app is not ready')\n"
    "    return {}\n"
)


def _installed(name: str, source: str, group: str = "nbhost") -> dict[str, str]:
    info = f"site/nb_{name}-1.0.dist-info"
    return {
        f"site/nb_{name}/__init__.py": source,
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: nb-{name}\nVersion: 1.0\n",
        f"{info}/RECORD": f"nb_{name}/__init__.py,,\n",
        f"{info}/entry_points.txt": f"[{group}]\n{name} = nb_{name}\n",
    }


def test_a_plugin_the_hosts_preload_loads_cannot_vouch_for_another(tmp_path: Path) -> None:
    """The host's preload loads every installed plugin as it is imported. The setup-function
    worker imported it in its own process, which reads every plugin's answers: the forger's
    code ran there and rewrote them, and typo's PC501 was withdrawn as "the real pluggy check
    accepted the plugin" (exit 0; red team red47). That process now leaves such a preload to
    each plugin's child, as the fork server does; and an answer from a child in which the
    host's import ran other plugins' code first (the forger's, which rewrites it there too)
    withdraws no static finding. With --untrusted-plugins, a plugin whose checks ran after
    other plugins' code is not checked (PC416): the forger passed there before, though typo's
    code, loaded first, could have written every answer of its process (red team red49).

    The same where the hookspecs load the plugins. Named as a class (``module:Class``), the
    worker's preload of them found no module, its read of them was stopped at the forger's
    import but left nothing to the children, and cls_typo's PC501 was withdrawn (exit 0). That
    stopped read also kept the host's manager, given the hookspecs, in ``nbhost.manager``,
    where each child's import of them added them twice: PC416 for both plugins. A lazy
    attribute that loads the plugins, read by the worker's copy of the hookspecs, was stopped
    there and left nothing to the children either: lazy_typo's PC501 was withdrawn."""
    files = {
        **LOADED_HOST,
        "pyproject.toml": LOADED_HOST["pyproject.toml"] + SPECS_CONTRACTS + SETUP_CONTRACT,
        **SPECS_LOAD_PLUGINS,
        **SETUP_LOADS_PLUGINS,
        **_installed("typo", TYPO),
        **_installed("forger", ANSWER_FORGER),
        **_installed("setup_typo", SETUP_TYPO, "nbhost.setup"),
        **_installed(
            "setup_forger", ANSWER_FORGER + "\n\ndef setup(app):\n    return {}\n", "nbhost.setup"
        ),
    }
    for contract in ("cls", "lazy"):
        files.update(_installed(f"{contract}_typo", TYPO, f"nbhost.{contract}"))
        files.update(_installed(f"{contract}_forger", ANSWER_FORGER, f"nbhost.{contract}"))
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PYTHONPATH": str(tmp_path / "site"),
    }
    command = [sys.executable, "-m", "plugcheck", "check", "--no-mypy", "--output-format", "json"]
    proc = subprocess.run(
        command, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300, check=False
    )
    data = json.loads(proc.stdout)
    assert proc.returncode == 1, data["findings"]
    first = {"": "nbhost.engines", "cls_": "nbhost.clsspecs", "lazy_": "nbhost.lazyspecs"}
    for prefix in first:
        typo = f"{prefix}typo"
        assert _codes(data["findings"], typo) == {"PC501"}, data
        kept = f"pluggy: {typo}: PC501 kept (__init__.py:5): its process said"
        assert any(n.startswith(kept) for n in data["notes"]), data["notes"]
        assert "PC416" not in _codes(data["findings"], f"{prefix}forger"), data  # the host's way
    proc = subprocess.run(
        [*command, "--untrusted-plugins", "--config", str(tmp_path / "pyproject.toml")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    data = json.loads(proc.stdout)
    # A stand-in read in each child, made when read by loading the plugins: setup_typo passed
    # (its failure rewritten by setup_forger, no word of the other plugins' code; red53).
    for prefix, module in {**first, "setup_": "nbhost.app"}.items():
        for plugin in (f"{prefix}typo", f"{prefix}forger"):
            [said] = [
                f["message"]
                for f in data["findings"]
                if f["plugin"] == plugin and f["code"] == "PC416"
            ]
            assert f"the host's import of {module}, which runs installed plugins' code" in said
