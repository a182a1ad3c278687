"""A ``.pth`` line of an installed plugin runs at every start of the target interpreter,
plugcheck's own processes there included (red team, issue 12): it is PC356, an error under
``--untrusted-plugins``, and the processes plugcheck starts outside the harness (the environment
query, mypy's search-path probe) never show it plugcheck's secrets."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from plugcheck import Options, check, sandbox
from plugcheck.environment import Environment

from conftest import TESTDATA, copy_host, user_namespaces

pytestmark = pytest.mark.harness

BOOT = """import json, os, sys
with open(os.environ.get("PTH_SPY_DIR", {spy!r}) + f"/{{os.getpid()}}.json", "w") as out:
    json.dump({{"argv": sys.argv, "env": sorted(os.environ)}}, out)
"""


LEAK = """import os

try:
    with open(os.path.join({home!r}, ".config", "gh", "hosts.yml")) as handle:
        TOKEN = handle.read()
except OSError:
    TOKEN = None
if TOKEN:
    raise RuntimeError(TOKEN)


class Style:
    pass
"""


def _target(tmp_path: Path, spy: Path) -> Path:
    """A venv whose site-packages holds the plugin ``spyplug`` (entry point of demo.styles) and
    its ``spyplug.pth``, which records every interpreter start's argv and environment names."""
    env = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False, symlinks=True).create(env)
    (site,) = env.glob("lib/python3*/site-packages")
    (site / "spyplug").mkdir()
    (site / "spyplug" / "__init__.py").write_text(LEAK.format(home=str(tmp_path / "home")))
    (site / "spyplug_boot.py").write_text(BOOT.format(spy=str(spy)))
    (site / "spyplug.pth").write_text("import spyplug_boot\n")
    # A path line naming a home: every plugin process could read what it holds (red team
    # red51); a folder only a distribution names is readable no more.
    (site / "spyplug_home.pth").write_text(f"{tmp_path / 'home'}\n")
    (tmp_path / "home" / ".config" / "gh").mkdir(parents=True)
    (tmp_path / "home" / ".config" / "gh" / "hosts.yml").write_text("oauth_token: gho_LEAKED\n")
    info = site / "spyplug-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: spyplug\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[demo.styles]\nspy = spyplug:Style\n")
    (info / "RECORD").write_text(
        "spyplug/__init__.py,,\nspyplug_boot.py,,\nspyplug.pth,,\n"
        "spyplug-1.0.dist-info/METADATA,,\nspyplug-1.0.dist-info/RECORD,,\n"
    )
    return env / "bin" / "python"


def test_pth_code_is_reported_and_sees_no_secret(tmp_path: Path) -> None:
    spy = tmp_path / "spy"
    spy.mkdir()
    python = _target(tmp_path, spy)
    host = tmp_path / "host"
    host.mkdir()
    (host / "pyproject.toml").write_text(
        '[tool.plugcheck.contracts.styles]\nkind = "factory"\nentry-point-group = "demo.styles"\n'
    )
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "CI_SECRET_TOKEN": "do-not-leak",
        "NO_COLOR": "1",
    }
    command = [sys.executable, "-m", "plugcheck", "check", "--output-format", "json"]
    command += ["--python", str(python), str(host)]
    proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    data = json.loads(proc.stdout)
    assert "gho_LEAKED" not in proc.stdout
    (finding,) = [f for f in data["findings"] if f["code"] == "PC356"]
    assert finding["severity"] == "warning" and "spyplug.pth" in finding["message"]
    starts = [json.loads(p.read_text()) for p in spy.glob("*.json")]
    # The environment query is started with -S and does site's path work without its code;
    # the harness's plugin processes run it confined (they cannot write to the spy folder);
    # mypy asks an interpreter of plugcheck's for the search path (static/typecheck/probe.py),
    # which does the same as the query (before, its pyinfo.py probe ran the line unconfined).
    assert starts == [], starts
    assert any(f["code"].startswith("PC2") or f["code"] == "PC356" for f in data["findings"])

    untrusted = subprocess.run(
        [
            *command[:4],
            "--untrusted-plugins",
            "--config",
            str(host / "pyproject.toml"),
            *command[4:],
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    data = json.loads(untrusted.stdout)
    (finding,) = [f for f in data["findings"] if f["code"] == "PC356"]
    assert finding["severity"] == "error"
    assert untrusted.returncode == 1


PROBE = """import builtins, os
saw = {"pid": os.getpid()}
with open("/proc/self/status") as status:
    saw["seccomp"] = [l.split()[1] for l in status if l.startswith("Seccomp:")][0]
try:
    with open(%(secret)r) as handle:
        saw["secret"] = handle.read()
except OSError as exc:
    saw["secret"] = type(exc).__name__
saw["env"] = sorted(k for k in os.environ if "SECRET" in k)
builtins.PTH_SAW = saw
"""

SHOW = """import builtins

from plugapi import ConfigError, Plugin


class P:
    def init(self, config):
        if not config.get("greeting"):
            raise ConfigError("greeting must not be empty")
        raise RuntimeError(repr(getattr(builtins, "PTH_SAW", "the .pth line did not run")))

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new() -> Plugin:
    return P()
"""


FINDER = """import os, sys
from importlib.util import spec_from_file_location

MAPPING: dict[str, str] = {%(mapping)r: %(path)r}


class _Finder:
    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if fullname in MAPPING:
            where = MAPPING[fullname]  # as setuptools' finder: the package's own folder
            init = os.path.join(where, "__init__.py")
            return spec_from_file_location(fullname, init, submodule_search_locations=[where])
        return None


def install():
    sys.meta_path.append(_Finder)
"""

EDITABLE = """from edlib import GREETING
from plugapi import ConfigError, Plugin


class P:
    def init(self, config):
        if not config.get("greeting"):
            raise ConfigError("greeting must not be empty")
        assert GREETING == "hi"

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new() -> Plugin:
    return P()
"""


def test_pth_code_runs_only_in_confined_plugin_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Red team finding 6: a distribution's .pth line ran in the fork server before it confined
    # anything (a secret file read there, kept in memory, reached every plugin's finding; a
    # meta-path hook there rewrote the other plugins' results). The server starts with -S now;
    # each plugin's process runs the lines once confined, before its plugin's import, as the
    # host's interpreter ran them before the host.
    secret = tmp_path / "secret.txt"
    secret.write_text("sk-from-the-runner")
    env = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False, symlinks=True).create(env)
    (site,) = env.glob("lib/python3*/site-packages")
    (site / "probe_boot.py").write_text(PROBE % {"secret": str(secret)})
    # site runs the whole line, form feed and all (whitespace in Python): before, the child
    # ran only the `import os;` before it, and never probe_boot (red team red56)
    (site / "probe.pth").write_text('import os;\x0c__import__("probe_boot")\n')
    # setuptools' editable install: a finder a .pth line installs, sources outside sys.path
    src = tmp_path / "src" / "edlib"
    src.mkdir(parents=True)
    (src / "__init__.py").write_text("GREETING = 'hi'\n")
    finder = "__editable___edlib_1_0_finder"
    (site / f"{finder}.py").write_text(FINDER % {"mapping": "edlib", "path": str(src)})
    (site / "__editable__.edlib-1.0.pth").write_text(f"import {finder}; {finder}.install()\n")
    host = tmp_path / "host"
    host.mkdir()
    (host / "api").symlink_to(TESTDATA / "rules" / "PC405" / "good" / "api")
    (host / "pyproject.toml").write_text(
        (TESTDATA / "rules" / "PC405" / "good" / "pyproject.toml").read_text()
    )
    (host / "plugins").mkdir()
    (host / "plugins" / "show.py").write_text(SHOW)
    (host / "plugins" / "editable.py").write_text(EDITABLE)
    monkeypatch.setenv("CI_SECRET_TOKEN", "do-not-leak")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    report = check(Options(paths=(host,), python=env / "bin" / "python", static=False, mypy=False))
    (finding,) = [f for f in report.findings if f.code == "PC405"]
    assert [f.plugin for f in report.findings if f.severity.value != "info"] == ["show"]
    assert "'seccomp': '2'" in finding.message, finding.message  # ran confined
    assert "'secret': 'PermissionError'" in finding.message, finding.message
    assert "sk-from" not in finding.message and "'env': []" in finding.message


ASK = """import json, os, subprocess, sys
from mypy import pyinfo
from plugcheck.static.typecheck.probe import search_path_interpreter
env = {**os.environ, "PYTHONSAFEPATH": "1"}  # as mypy runs it
with search_path_interpreter(sys.argv[1]) as given:
    answer = subprocess.run([given, pyinfo.__file__, "getsearchdirs"], capture_output=True,
                            text=True, env=env)
print(json.dumps([given, answer.returncode, answer.stdout, answer.stderr]))
"""


def _noexec(tmp_path: Path) -> list[str]:
    """A command prefix that runs a process whose temporary directory is a ``noexec`` tmpfs (in
    a user + mount namespace of its own), as on a hardened CI runner."""
    if shutil.which("unshare") is None or not user_namespaces():
        pytest.skip("needs user namespaces to mount a noexec tmpfs")
    folder = tmp_path / "noexec"
    folder.mkdir()
    mount = f'mount -t tmpfs -o noexec none {folder} && exec env TMPDIR={folder} "$@"'
    return ["unshare", "-rm", "sh", "-c", mount, "sh"]


@pytest.mark.parametrize("noexec", [False, True], ids=["tmp", "noexec-tmp"])
def test_mypy_asks_for_the_search_path_without_running_pth_lines(
    tmp_path: Path, noexec: bool
) -> None:
    # mypy runs `python_executable pyinfo.py getsearchdirs` with site: the last process that ran
    # a distribution's .pth line unconfined, as plugcheck's user. The interpreter plugcheck
    # gives it answers the same (sys.path and site directories, the .pth path lines included)
    # without running the line. Where the temporary directory is mounted noexec its script
    # cannot run: mypy got the target's own interpreter there, which ran the line; now a
    # private environment linked to plugcheck's interpreter relays to the same command.
    from mypy import pyinfo

    spy = tmp_path / "spy"
    spy.mkdir()
    python = _target(tmp_path, spy)
    (site,) = (tmp_path / "venv").glob("lib/python3*/site-packages")
    extra = tmp_path / "extra"
    extra.mkdir()
    (site / "extra.pth").write_text(f"{extra}\n")
    prefix = _noexec(tmp_path) if noexec else []
    run = subprocess.run(
        [*prefix, sys.executable, "-c", ASK, str(python)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    given, code, stdout, stderr = json.loads(run.stdout)
    assert given != str(python)
    assert given.endswith("relay/bin/python") is noexec, given
    assert not Path(given).exists()  # removed after the build
    assert code == 0, stderr
    assert list(spy.iterdir()) == []  # the import line did not run
    sys_path, site_packages = eval(stdout)  # what mypy's literal_eval reads
    mypy_env = {**os.environ, "PYTHONSAFEPATH": "1"}  # as mypy runs it
    ask = [pyinfo.__file__, "getsearchdirs"]
    real = subprocess.run([str(python), *ask], capture_output=True, text=True, env=mypy_env)
    assert list(spy.iterdir()) != []  # (the real probe runs it)
    assert (sys_path, site_packages) == eval(real.stdout)
    assert str(extra) in sys_path and str(site) in site_packages


HOOK = """import importlib.util, sys

class Loader:
    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.SERVED = True

class Finder:
    def find_spec(self, name, target=None):
        return importlib.util.spec_from_loader(name, Loader()) if name == "served" else None

def hook(path):
    if path.endswith("served-here"):
        return Finder()
    raise ImportError(path)

sys.path_hooks.insert(0, hook)
"""


def test_a_path_hook_of_a_pth_line_finds_what_it_serves(tmp_path: Path) -> None:
    # The fork server lists every sys.path folder once, before the first fork (a child no
    # longer does). A path hook that a .pth line adds must still be asked about a folder the
    # child had not searched yet, as in the host's interpreter: here the only finder of the
    # module the plugin imports.
    python = _target(tmp_path, tmp_path)
    (site,) = (tmp_path / "venv").glob("lib/python3*/site-packages")
    served = tmp_path / "served-here"
    served.mkdir()
    (site / "spyplug" / "__init__.py").write_text("import served\n\nclass Style:\n    pass\n")
    (site / "spyplug_boot.py").write_text(HOOK)
    (site / "zz-served.pth").write_text(f"{served}\n")
    host = tmp_path / "host"
    host.mkdir()
    (host / "pyproject.toml").write_text(
        '[tool.plugcheck.contracts.styles]\nkind = "factory"\nentry-point-group = "demo.styles"\n'
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    command = [sys.executable, "-m", "plugcheck", "check", "--output-format", "json"]
    command += ["--no-mypy", "--python", str(python), str(host)]
    proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    codes = [f["code"] for f in json.loads(proc.stdout)["findings"]]
    assert codes == ["PC356"], proc.stdout


ANSWER_REWRITER = """import json, sys
if sys.argv and "_ecosystem_worker" in sys.argv[0]:
    _dumps = json.dumps

    def dumps(obj, *args, **kwargs):
        if isinstance(obj, dict) and obj.get("status") in ("call-failed", "invalid"):
            obj = {"plugin": obj.get("plugin"), "status": "ok", "message": ""}
        return _dumps(obj, *args, **kwargs)

    json.dumps = dumps
"""


def test_pth_code_never_runs_in_the_setup_function_workers_own_process(tmp_path: Path) -> None:
    """The setup-function worker started with `-I` but not `-S`: an installed distribution's
    `.pth` line ran in its own process, which reads every plugin's child's answers and prints
    them, and rewrote each failed one as "ok": "All checks passed" for two setup functions
    that fail (red team red47). It starts with `-S` now, as the fork server does, and each
    plugin's child runs the lines, confined."""
    env = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False, symlinks=True).create(env)
    (site,) = env.glob("lib/python3*/site-packages")
    (site / "rewriter_boot.py").write_text(ANSWER_REWRITER)
    (site / "rewriter.pth").write_text("import rewriter_boot\n")
    host = copy_host(TESTDATA / "rules" / "PC532" / "bad", tmp_path / "host")
    report = check(
        Options(
            paths=(host,),
            python=env / "bin" / "python",
            mypy=False,
            cache_dir=tmp_path / "cache",
        )
    )
    found = sorted((f.plugin, f.code) for f in report.findings)
    assert found == [("returns_text", "PC532"), ("wrong_event", "PC532")], report.findings


def test_a_folder_only_a_pth_line_names_is_not_readable_out_of_process(tmp_path: Path) -> None:
    """The setup-function worker, exec plugins and the native loaders read the target's
    ``sys.path``: not a folder there that only a distribution's ``.pth`` path line names, and
    that lies outside the environment (red team red51), but one inside its site directory. A
    ``.pth`` or finder file that is a FIFO is not read."""
    site = tmp_path / "venv" / "lib" / "python3.11" / "site-packages"
    (site / "inside").mkdir(parents=True)
    home = tmp_path / "home"
    home.mkdir()
    (site / "linked").symlink_to(home)  # inside the site directory by name only
    (site / "leak.pth").write_text(f"{home}\ninside\nlinked\n")
    os.mkfifo(site / "zz.pth")  # read without O_NONBLOCK, it held plugcheck's process for ever
    os.mkfifo(site / "__editable___zz_finder.py")
    target = Environment(
        executable=tmp_path / "venv" / "bin" / "python",
        version=(3, 11, 0),
        sys_path=(site, home, site / "inside", site / "linked"),
        ext_suffix=None,
        platform="linux",
    )
    readable = sandbox.readable_paths(target, tmp_path / "host")
    assert str(home) not in readable and str(site / "linked") not in readable, readable
    assert {str(site), str(site / "inside"), str(tmp_path / "host")} <= set(readable), readable
