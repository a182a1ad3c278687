"""The dynamic harness through the public surface: CLI commands and options, async and
long-running lifecycles, the environment allowlist, identity explanations, static deferral."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import jsonschema
import pytest

from plugcheck import Options, check

from conftest import ROOT, TESTDATA, cli_json, run_cli, settled, write_host

pytestmark = pytest.mark.harness


API = """
from collections.abc import Callable, Mapping
from typing import Protocol, runtime_checkable


@runtime_checkable
class Plugin(Protocol):
    def init(self, config: Mapping[str, str]) -> None: ...
    def run(self) -> None: ...
    def shutdown(self, timeout: float) -> None: ...


Factory = Callable[[], Plugin]
"""


ABC_API = """
import abc
from collections.abc import Callable, Mapping


class Plugin(abc.ABC):
    @abc.abstractmethod
    def init(self, config: Mapping[str, str]) -> None: ...
    @abc.abstractmethod
    def run(self) -> None: ...
    @abc.abstractmethod
    def shutdown(self, timeout: float) -> None: ...


Factory = Callable[[], Plugin]
"""


def host(
    root: Path,
    plugins: dict[str, str],
    lifecycle: str = "",
    *,
    deadline: float = 1.0,
    api: str = API,
) -> Path:
    """A tiny host under ``root``: API ``hostapi`` in api/, plugins as files under plugins/."""
    return write_host(
        root,
        {"hostapi": api},
        pyproject=textwrap.dedent(
            """
            [tool.plugcheck.contracts.t]
            kind = "factory"
            api = "hostapi"
            paths = ["plugins/*"]
            search-path = ["api"]
            [tool.plugcheck.contracts.t.exports]
            new = "hostapi:Factory"
            [tool.plugcheck.contracts.t.lifecycle]
            protocol = "hostapi:Plugin"
            factory = "new"
            config = { greeting = "hi" }
            deadline = DEADLINE
            """
        ).replace("DEADLINE", str(deadline))
        + lifecycle,
        files={f"plugins/{name}": textwrap.dedent(text) for name, text in plugins.items()},
    )


def dynamic(root: Path) -> list[tuple[str, str]]:
    """(plugin, code) of every finding of a harness-only run."""
    report = check(Options(paths=(root,), static=False, mypy=False))
    return sorted((f.plugin, f.code) for f in report.findings)


def test_harness_command_runs_only_the_harness() -> None:
    case = TESTDATA / "rules" / "PC412" / "bad"
    proc = run_cli("harness", str(case), "--jobs", "1")
    assert proc.returncode == 1, proc.stderr
    assert " PC412 " in proc.stdout
    assert all(" PC4" in line for line in proc.stdout.splitlines()[:-1] if ": PC" in line)
    proc = run_cli("check", str(case), "--no-dynamic", "--no-mypy")
    assert proc.returncode == 0, proc.stdout
    assert run_cli("check", str(case), "--jobs", "0").returncode == 2


def test_async_long_running_lifecycle(tmp_path: Path) -> None:
    plugin = """
        import asyncio

        class Server:
            async def init(self, config):
                self.stop = asyncio.Event()

            async def run(self):
                await self.stop.wait()

            async def shutdown(self, timeout):
                {stop}

        def new():
            return Server()
    """
    root = host(
        tmp_path,
        {
            "good.py": plugin.format(stop="self.stop.set()"),
            "stuck.py": plugin.format(stop="pass"),
            "boom.py": plugin.format(stop="pass").replace(
                "await self.stop.wait()", "raise ValueError('no backend')"
            ),
        },
        "async = true\nlong-running = true\n",
    )
    assert dynamic(root) == [("boom", "PC407"), ("stuck", "PC407")]


def test_environment_is_scrubbed_to_the_allowlist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SECRET_TOKEN", "hunter2")
    monkeypatch.setenv("PLUGIN_MODE", "fast")
    root = host(
        tmp_path,
        {
            "envy.py": """
                import os

                class Envy:
                    def init(self, config):
                        assert "SECRET_TOKEN" not in os.environ, "a secret leaked"
                        assert os.environ["PLUGIN_MODE"] == "fast"
                        assert os.getcwd().startswith(os.environ["HOME"])
                    def run(self): pass
                    def shutdown(self, timeout): pass

                def new():
                    return Envy()
            """
        },
        'env = ["PLUGIN_MODE"]\n',
    )
    assert dynamic(root) == []


@pytest.mark.parametrize("api", [API, ABC_API], ids=["protocol", "abc"])
def test_identity_failures_are_explained(tmp_path: Path, api: str) -> None:
    """A vendored copy of the API, or the API module loaded twice: the host's isinstance()
    against its ABC fails (PC404, saying why); against its runtime_checkable Protocol it compares
    members and passes, as the real loader's does, so the identity step says nothing."""
    vendored = {
        "vend/__init__.py": """
            from vend._vendor.hostapi import Plugin

            class Impl(Plugin):
                def init(self, config): pass
                def run(self): pass
                def shutdown(self, timeout): pass

            def new():
                return Impl()
        """,
        "vend/_vendor/__init__.py": "",
        "vend/_vendor/hostapi/__init__.py": api,
    }
    twice = {
        "twice.py": """
            import os, sys
            sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "api"))
            sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
            from api.hostapi import Plugin

            class Impl(Plugin):
                def init(self, config): pass
                def run(self): pass
                def shutdown(self, timeout): pass

            def new():
                return Impl()
        """
    }
    root = host(tmp_path, {**vendored, **twice}, api=api)
    report = check(Options(paths=(root,), static=False, mypy=False))
    messages = {f.plugin: f.message for f in report.findings if f.code == "PC404"}
    if api == API:
        assert messages == {}
        return
    assert set(messages) == {"vend", "twice"}
    assert "vendored copy" in messages["vend"]
    assert "_vendor/hostapi/__init__.py" in messages["vend"]
    assert "also loaded as api.hostapi" in messages["twice"]


def test_unparseable_plugin_is_skipped_with_a_note(tmp_path: Path) -> None:
    root = host(tmp_path, {"broken.py": "def new(:\n"})
    report = check(Options(paths=(root,), mypy=False))
    assert [f.code for f in report.findings] == ["PC001"]
    assert any("harness: skipped broken" in note for note in report.notes)


def test_worker_runs_where_plugcheck_is_not_installed(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    probe = subprocess.run([str(python), "-c", "import plugcheck"], capture_output=True)
    assert probe.returncode != 0, "the bare venv must not see plugcheck"
    case = TESTDATA / "rules" / "PC410" / "bad"
    proc = run_cli("harness", str(case), "--python", str(python))
    assert proc.returncode == 1, proc.stderr
    assert " PC410 " in proc.stdout


def test_json_report_lists_each_plugins_steps() -> None:
    data = cli_json("harness", str(TESTDATA / "rules" / "PC408" / "bad"))
    schema = json.loads((ROOT / "src" / "plugcheck" / "report" / "report.schema.json").read_text())
    jsonschema.validate(data, schema)
    (plugin,) = data["plugins"]  # type: ignore[misc]
    steps = [(s["step"], s["outcome"]) for s in plugin["harness"]]
    assert steps[:6] == [
        ("import", "ok"),
        ("lookup", "ok"),
        ("register", "skipped"),  # the contract names no registry
        ("factory", "ok"),
        ("identity", "ok"),
        ("init", "ok"),
    ]
    assert steps[-1] == ("shutdown", "timeout")


def test_leaked_processes_and_files_are_named(tmp_path: Path) -> None:
    root = host(
        tmp_path,
        {
            "spawner.py": """
                import subprocess, sys
                SLEEP = "import time; time.sleep(30)"

                class Spawner:
                    def init(self, config):
                        self.child = subprocess.Popen([sys.executable, "-c", SLEEP])
                        self.log = open("spawner.log", "w")
                    def run(self): pass
                    def shutdown(self, timeout): pass

                def new():
                    return Spawner()
            """,
            "tidy.py": """
                import subprocess, sys
                SLEEP = "import time; time.sleep(30)"

                class Tidy:
                    def init(self, config):
                        self.child = subprocess.Popen([sys.executable, "-c", SLEEP])
                        self.log = open("tidy.log", "w")
                    def run(self): pass
                    def shutdown(self, timeout):
                        self.child.kill()
                        self.child.wait(timeout)
                        self.log.close()

                def new():
                    return Tidy()
            """,
        },
    )
    report = check(Options(paths=(root,), static=False, mypy=False))
    (leak,) = report.findings
    assert (leak.plugin, leak.code) == ("spawner", "PC410")
    assert "-c import time; time.sleep(30)`" in leak.message
    assert "$HOME/spawner.log" in leak.message


def test_reload_with_stale_class_identity(tmp_path: Path) -> None:
    root = host(
        tmp_path,
        {
            "cached.py": """
                import hostapi

                _CACHE = hostapi.__dict__.setdefault("instances", {})

                class Cached:
                    def init(self, config): pass
                    def run(self): pass
                    def shutdown(self, timeout): pass

                def new():
                    return _CACHE.setdefault("cached", Cached())
            """,
            "fresh.py": """
                class Fresh:
                    def init(self, config): pass
                    def run(self): pass
                    def shutdown(self, timeout): pass

                def new():
                    return Fresh()
            """,
        },
        "reload = true\n",
    )
    report = check(Options(paths=(root,), static=False, mypy=False))
    assert [(f.plugin, f.code) for f in report.findings] == [("cached", "PC413")]
    assert "stale class identity" in report.findings[0].message


def test_killing_plugcheck_kills_the_plugins(tmp_path: Path) -> None:
    # The plugin is confined (no file outside its directory, no socket to tell anyone): it
    # starts a helper whose command line carries a marker; the plugin's process is its parent.
    marker = f"plugcheck-sleeper-{tmp_path.name}-{time.monotonic_ns()}"
    root = host(
        tmp_path / "host",
        {
            "sleeper.py": f"""
                import subprocess, sys, time
                code = "import time; time.sleep(60)"
                helper = subprocess.Popen([sys.executable, "-c", code, {marker!r}])
                time.sleep(60)
            """
        },
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "plugcheck", "harness", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # plugcheck's start-up is slow on a loaded CI machine
        assert settled(lambda: _marked(marker) != [], timeout=60), "the plugin never started"
        (helper,) = _marked(marker)
        parent = int(Path(f"/proc/{helper}/stat").read_text().rsplit(")", 1)[1].split()[1])
        pids = [parent, helper]
    finally:
        proc.kill()
        proc.wait()
    assert settled(lambda: not any(_alive(pid) for pid in pids)), (
        "a plugin process outlived plugcheck"
    )


def _marked(marker: str) -> list[int]:
    """Processes whose command line holds ``marker``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_memory_limit_comes_from_the_contract(tmp_path: Path) -> None:
    plugin = {
        "big.py": """
            import mmap

            class Big:
                def init(self, config):
                    # Address space without touching it: no time spent faulting 300 MiB in
                    # (the 1 s deadline ran out on a loaded machine), RLIMIT_AS counts it all.
                    self.block = mmap.mmap(-1, 300 << 20)
                def run(self): pass
                def shutdown(self, timeout): self.block.close()

            def new():
                return Big()
        """
    }
    # Zeroing 300 MiB takes well under a second on an idle machine, not on a loaded one: the
    # deadline is not what this test is about.
    assert dynamic(host(tmp_path / "roomy", plugin, deadline=20.0)) == []
    tight = host(tmp_path / "tight", plugin, "memory = 128\n", deadline=20.0)
    assert dynamic(tight) == [("big", "PC405")]
    bad = host(tmp_path / "bad", plugin, "memory = 10\n")
    proc = run_cli("harness", str(bad))
    assert proc.returncode == 2
    assert "lifecycle.memory: must be a whole number of MiB, at least 64" in proc.stderr


def test_a_host_without_a_lifecycle_times_no_import(tmp_path: Path) -> None:
    """A contract without `lifecycle` (a host that times nothing, like every pluggy, subclass and
    setup-function host): a plugin whose import takes longer than the lifecycle's 5 s default (a
    large SDK on a loaded machine) is slow, not broken."""
    from conftest import write_host

    contract = """
        [tool.plugcheck.contracts.slow]
        kind = "factory"
        paths = ["plugins/*.py"]

        [tool.plugcheck.contracts.slow.exports]
        register = { kind = "function" }
        """
    plugin = "import time\n\ntime.sleep(6)\n\n\ndef register():\n    return None\n"
    root = write_host(tmp_path, {}, {"heavy": plugin}, textwrap.dedent(contract))
    report = check(Options(paths=(root,), mypy=False))
    assert [f.code for f in report.findings] == ["PC110"]  # import-time work, a warning
    [steps] = report.steps.values()
    assert ("import", "ok") in steps


def test_a_plugin_sees_no_import_state_of_the_plugins_run_before_it(tmp_path: Path) -> None:
    """The fork server's import state stays what it was at start: a child sees neither the
    path entries nor the finders of the plugins forked before it (with one job, in order)."""
    plugin = """
        import sys

        seen = [*sys.path_importer_cache, *sys.path, *(m.__name__ for m in sys.modules.values())]
        others = [k for k in seen if "-project" in str(k) and "NAME-project" not in str(k)]
        assert not others, f"state of another plugin: {others}"
        others = [k for k in seen if str(k).startswith("plug_") and str(k) != "plug_NAME"]
        assert not others, f"modules of another plugin: {others}"

        class Impl:
            def init(self, config): pass
            def run(self): pass
            def shutdown(self, timeout): pass

        def new():
            return Impl()
    """
    files = {}
    for name in ("one", "two", "three"):
        files[f"{name}-project/src/plug_{name}/__init__.py"] = plugin.replace("NAME", name)
        files[f"{name}-project/pyproject.toml"] = f'[project]\nname = "plug-{name}"\n'
    root = host(tmp_path, files)
    report = check(Options(paths=(root,), static=False, mypy=False, jobs=1))
    assert [f.message for f in report.findings] == []
    assert [steps[0] for steps in report.steps.values()] == [("import", "ok")] * 3


def test_main_is_a_hosts_script_module(tmp_path: Path) -> None:
    """A host started as a console script has a ``__main__`` with a ``__file__`` and a
    ``sys.argv[0]`` (red team finding 9: a plugin taking its program name from
    ``__main__.__file__`` was PC405 AttributeError); it is still not the worker's module."""
    plugin = """
        import os
        import sys
        import __main__

        assert not hasattr(__main__, "main"), "the worker's own __main__"
        assert sys.argv == [__main__.__file__], sys.argv
        assert __main__.__spec__ is None

        class Impl:
            def init(self, config): self.prog = os.path.basename(__main__.__file__)
            def run(self): assert self.prog == "t", self.prog
            def shutdown(self, timeout): pass

        def new():
            return Impl()
    """
    assert dynamic(host(tmp_path, {"prog.py": plugin})) == []
