"""A run that did not check something never ends with "All checks passed" (issue 12, item 2).

Through the CLI, on hosts built in tmp_path: a module that is a link loop or a dangling link (found
or named on the command line), a folder with no Python module in it, a contract that found no
plugins, a static check or a mypy build that crashed. Each of these once ended (or could end)
with "All checks passed", exit 0 (a named broken link: exit 2, a usage error).
"""

from __future__ import annotations

import contextlib
import importlib.machinery
import os
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from test_harness import host

from conftest import TESTDATA, run_cli_here

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.

FINE = """
from collections.abc import Mapping

class Fine:
    def init(self, config: Mapping[str, str]) -> None: pass
    def run(self) -> None: pass
    def shutdown(self, timeout: float) -> None: pass

def new() -> Fine:
    return Fine()
"""


def _summary(proc: subprocess.CompletedProcess[str]) -> str:
    return proc.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize("dynamic", [(), ("--no-dynamic",)], ids=["full", "static"])
def test_a_module_that_is_a_broken_link_is_pc001(tmp_path: Path, dynamic: tuple[str, ...]) -> None:
    # Discovery skipped both (os.path.exists is False), and the run said "All checks passed:
    # 1 plugin"; the host lists loop.py and gone.py in plugins/ and its import of each fails.
    root = host(tmp_path, {"fine.py": FINE})
    (root / "plugins" / "loop.py").symlink_to("loop.py")
    (root / "plugins" / "gone.py").symlink_to("removed.py")
    proc = run_cli_here("check", str(root), "--no-progress", *dynamic)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "plugins/loop.py:1:1: PC001 cannot parse loop.py: cannot read file: Too many " in (
        proc.stdout
    )
    assert "plugins/gone.py:1:1: PC001 cannot parse gone.py: cannot read file: No such " in (
        proc.stdout
    )
    assert "internal error" not in proc.stdout  # the other checks did not crash on its path
    assert _summary(proc) == "Found 2 findings (2 errors) in 3 plugins in 1 contract."


@pytest.mark.parametrize("dynamic", [(), ("--no-dynamic",)], ids=["full", "static"])
def test_a_folder_with_no_python_module_is_pc101(tmp_path: Path, dynamic: tuple[str, ...]) -> None:
    # Discovery skipped plugins/assets (no .py file in it) and the run said "All checks passed:
    # 1 plugin". The host's `importlib.import_module("assets")` with plugins/ on sys.path gives
    # an empty namespace package, and its getattr(module, "new") raises AttributeError.
    files = {
        "fine.py": FINE,
        "assets/README": "icons\n",
        "compiled/fast.cpython-311-x86_64-linux-gnu.so": "",  # no source: nothing binds new
        # Folders no host imports, which discovery leaves out everywhere:
        ".cache/x": "",
        "__pycache__/fine.cpython-311.pyc": "",
        "fine.egg-info/PKG-INFO": "",
        "tests/data.json": "{}",
    }
    root = host(tmp_path, files)
    proc = run_cli_here("check", str(root), "--no-progress", "--no-mypy", *dynamic)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    for name in ("assets", "compiled"):
        assert (
            f"plugins/{name}:1:1: PC101 plugins/{name} holds no Python module (no __init__.py, "
            f"no .py file): the host imports {name!r} as an empty namespace package, which does "
            "not define 'new'; the 't' contract requires it (hostapi:Factory)"
        ) in proc.stdout
    assert _summary(proc) == "Found 2 findings (2 errors) in 3 plugins in 1 contract."
    if dynamic:  # --no-dynamic
        return
    # The real import agrees: the lookup fails, and PC101 already says why.
    assert "note: harness: assets: PC402 not reported, already explained by PC101" in proc.stdout
    # Named on the command line, the folder is what discovery found there.
    alone = run_cli_here("check", str(root / "plugins" / "assets"), "--no-progress", "--no-mypy")
    assert alone.returncode == 1, alone.stdout + alone.stderr
    assert "plugins/assets:1:1: PC101 plugins/assets holds no Python module" in alone.stdout
    assert _summary(alone) == "Found 1 finding (1 error) in 1 plugin in 1 contract."


@pytest.mark.parametrize("dynamic", [(), ("--no-dynamic",)], ids=["full", "static"])
def test_a_folder_without_init_is_pc101(tmp_path: Path, dynamic: tuple[str, ...]) -> None:
    # plugins/nsonly holds modules but no __init__.py, plugins/group holds packages only: the
    # host's import_module("nsonly") gives a namespace package that runs none of them and has
    # no `new` (spec_from_file_location(".../__init__.py") raises FileNotFoundError). Before,
    # the static run said "All checks passed: 2 plugins" (nsonly found, group not even listed)
    # and the full run missed group.
    files = {"fine.py": FINE, "nsonly/sub.py": FINE, "group/a/__init__.py": FINE}
    root = host(tmp_path, files)
    proc = run_cli_here("check", str(root), "--no-progress", "--no-mypy", *dynamic)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    for name, inside in (("nsonly", "sub.py"), ("group", "a/__init__.py")):
        assert (
            f"plugins/{name}:1:1: PC101 plugins/{name} has no __init__.py, so importing it runs "
            f"none of its Python files ({inside}): the host imports {name!r} as an empty "
            "namespace package, which does not define 'new'"
        ) in proc.stdout
    assert _summary(proc) == "Found 2 findings (2 errors) in 3 plugins in 1 contract."
    # Named on the command line (the folder, or a file in it), it is the plugin discovery finds.
    for named, name in (("nsonly/sub.py", "nsonly"), ("group/a", "group")):
        alone = run_cli_here(
            "check", str(root / "plugins" / named), "--no-progress", "--no-mypy", *dynamic
        )
        assert alone.returncode == 1, alone.stdout + alone.stderr
        assert f"plugins/{name}:1:1: PC101 plugins/{name} has no __init__.py" in alone.stdout
        assert _summary(alone) == "Found 1 finding (1 error) in 1 plugin in 1 contract."
    # Beside a module of its name the folder is nothing the host imports: the import system
    # takes plugins/nsonly.py before a namespace portion (checked: import_module gives the file).
    (root / "plugins" / "nsonly.py").write_text(FINE)
    proc = run_cli_here("check", str(root), "--no-progress", "--no-mypy", *dynamic)
    assert "plugins/nsonly:1:1" not in proc.stdout, proc.stdout
    assert "plugins/group:1:1: PC101" in proc.stdout, proc.stdout
    (root / "plugins" / "nsonly.py").unlink()
    # With an __init__.py each is a package the host imports, and both pass.
    (root / "plugins" / "nsonly" / "__init__.py").write_text("from .sub import new\n")
    (root / "plugins" / "group" / "__init__.py").write_text("from .a import new\n")
    proc = run_cli_here("check", str(root), "--no-progress", "--no-mypy", *dynamic)
    only = "static checks only: no plugin was run; " if dynamic else ""
    assert _summary(proc) == (
        "No findings in 3 plugins in 1 contract, but the run left out: "
        f"{only}--no-mypy: signatures of contract 't' not type-checked."
    ), proc.stdout


def test_a_broken_link_named_on_the_command_line(tmp_path: Path) -> None:
    # Inside the host's plugin tree it is the plugin discovery finds there (PC001), as in the
    # whole-host run; before, it was a usage error. Outside every host it names nothing.
    root = host(tmp_path, {"fine.py": FINE})
    (root / "plugins" / "loop.py").symlink_to("loop.py")
    (root / "plugins" / "gone.py").symlink_to("removed.py")
    for name, why in (("loop", "Too many levels of symbolic links"), ("gone", "No such file")):
        proc = run_cli_here("check", str(root / "plugins" / f"{name}.py"), "--no-progress")
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert (
            f"plugins/{name}.py:1:1: PC001 cannot parse {name}.py: cannot read file: {why}"
        ) in proc.stdout
        assert _summary(proc) == "Found 1 finding (1 error) in 1 plugin in 1 contract."
    stray = tmp_path / "elsewhere" / "stray.py"
    stray.parent.mkdir()
    stray.symlink_to("removed.py")
    proc = run_cli_here(
        "check", str(stray), "--config", str(root / "pyproject.toml"), "--no-progress"
    )
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stderr.strip() == f"plugcheck: error: {stray}: no such file or directory"


def _odd_files(folder: Path, *names: str) -> None:
    """A FIFO, a socket and a broken link (a device too, as root) named like plugins."""
    fifo, sock, gone, device = names
    os.mkfifo(folder / fifo)
    with socket.socket(socket.AF_UNIX) as bound, contextlib.chdir(folder):
        bound.bind(sock)  # relative: tmp_path under xdist is longer than AF_UNIX takes
    (folder / gone).symlink_to("nowhere")
    if os.geteuid() == 0:
        os.mknod(folder / device, 0o644 | stat.S_IFCHR, os.makedev(1, 5))  # /dev/zero's


@pytest.mark.parametrize("dynamic", [(), ("--no-dynamic",)], ids=["full", "static"])
def test_a_fifo_named_like_a_compiled_module_is_pc001(
    tmp_path: Path, dynamic: tuple[str, ...]
) -> None:
    # A FIFO or a dangling link named x.<extension suffix> (or a device named x.pyc) was skipped
    # without a word ("All checks passed: 1 plugin"); the host's import of x blocks on the FIFO
    # and fails on the others. PC001, and neither discovery nor the harness opens them.
    root = host(tmp_path, {"fine.py": FINE})
    so = importlib.machinery.EXTENSION_SUFFIXES[0]
    names = (f"pipe{so}", f"sock{so}", f"gone{so}", "dev.pyc")
    _odd_files(root / "plugins", *names)
    proc = run_cli_here("check", str(root), "--no-progress", "--no-mypy", *dynamic)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    expected = names if os.geteuid() == 0 else names[:3]
    for name in expected:
        assert f"plugins/{name}:1:1: PC001 cannot parse {name}: cannot read file: " in proc.stdout
    assert "(info)" not in proc.stdout  # not also "compiled, nothing checked it"
    n = len(expected)
    assert _summary(proc) == f"Found {n} findings ({n} errors) in {n + 1} plugins in 1 contract."
    alone = run_cli_here("check", str(root / "plugins" / names[0]), "--no-progress", *dynamic)
    assert f"plugins/{names[0]}:1:1: PC001 cannot parse" in alone.stdout, alone.stdout
    assert _summary(alone) == "Found 1 finding (1 error) in 1 plugin in 1 contract."


KINDS = {
    # case, folder, prefix, the finding's start on each odd file
    "wasm": ("PC640/bad-not-wasm", "modules", "x", ".wasm", "PC640 {name} does not compile"),
    "exec": ("PC606/good-logs-to-stderr", "bin", "hello-", "", "PC600 {name} has the exec"),
    "c-shared": ("PC701/good", "lib", "lib", ".so", "PC705 {name} cannot be loaded"),
    "go-plugin": ("PC620/good", "bin", "", "", "PC620 "),  # (could not|cannot) start
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_fifo_named_like_a_plugin_of_another_kind(tmp_path: Path, kind: str) -> None:
    # Out-of-process and native kinds listed regular files only: a FIFO, a socket or a broken
    # link in the plugin folder was skipped without a word (and exec's discovery would have
    # blocked reading a FIFO's #! line had it listed it). Each is now a plugin whose file
    # cannot be read or run, found without blocking.
    case, folder, prefix, suffix, finding = KINDS[kind]
    root = shutil.copytree(TESTDATA / "rules" / case, tmp_path / "host")
    (root / "case.toml").unlink(missing_ok=True)
    for stray in (root / folder).glob("notes.wasm"):
        stray.unlink()
    config = root / "pyproject.toml"
    config.write_text(
        config.read_text().replace('"../../../native/', f'"{TESTDATA.as_posix()}/native/')
    )
    names = tuple(f"{prefix}{n}{suffix}" for n in ("pipe", "sock", "gone", "dev"))
    _odd_files(root / folder, *names)
    proc = run_cli_here("check", str(root), "--no-progress", "--no-mypy")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    for name in names if os.geteuid() == 0 else names[:3]:
        assert f"{folder}/{name}:1:1: {finding.format(name=name)}" in proc.stdout, proc.stdout


def test_a_contract_that_found_no_plugins_never_reads_all_passed(tmp_path: Path) -> None:
    root = host(tmp_path, {"README": "not a plugin\n"})  # a file, not a folder the host imports
    proc = run_cli_here("check", str(root), "--no-progress")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "All checks passed" not in proc.stdout
    assert _summary(proc) == (
        "No findings in 0 plugins in 1 contract; contract 't' found no plugins to check."
    )


def test_one_contract_without_plugins_beside_one_with_them(tmp_path: Path) -> None:
    extra = '\n[tool.plugcheck.contracts.later]\nkind = "factory"\npaths = ["later/*"]\n'
    root = host(tmp_path, {"fine.py": FINE}, lifecycle=extra)
    proc = run_cli_here("check", str(root), "--no-progress", "--no-dynamic")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "note: contract 'later' found no plugins (paths later/*" in proc.stdout
    assert _summary(proc) == (
        "No findings in 1 plugin in 1 contract; contract 'later' found no plugins to check."
    )
    alone = run_cli_here(
        "check", str(root / "plugins" / "fine.py"), "--no-progress", "--no-dynamic"
    )
    # A path named on the command line is checked under the contracts that find it.
    assert _summary(alone) == (
        "No findings in 1 plugin in 1 contract, but the run left out: "
        "static checks only: no plugin was run."
    )


CRASHES = {
    # One static check's parse of one module raises: every check reading it crashes on it.
    "static-check": (
        "from plugcheck.static.index import ModuleIndex\n"
        "parse = ModuleIndex.parse\n"
        "def boom(self, path, *a, **k):\n"
        "    if path.name == 'fine.py':\n"
        "        raise RuntimeError('injected')\n"
        "    return parse(self, path, *a, **k)\n"
        "ModuleIndex.parse = boom\n"
    ),
    # mypy itself raises (an internal error, not a CompileError) in its build.
    "mypy": (
        "from plugcheck.static.typecheck import build\n"
        "def boom(self, log):\n"
        "    raise AssertionError('injected mypy crash')\n"
        "build._Job.__call__ = boom\n"
    ),
}


@pytest.mark.parametrize("where", sorted(CRASHES))
def test_a_crashed_pass_never_reads_all_passed(tmp_path: Path, where: str) -> None:
    root = host(tmp_path, {"fine.py": FINE})
    script = CRASHES[where] + "from plugcheck._entry import main\nmain()\n"
    env = {k: v for k, v in os.environ.items() if k != "PLUGCHECK_STRICT"}  # as a user runs it
    proc = subprocess.run(
        [sys.executable, "-c", script, "check", str(root), "--no-progress", "--no-dynamic"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "internal error:" in proc.stdout and "injected" in proc.stdout
    assert "All checks passed" not in proc.stdout
    assert "Run incomplete" in _summary(proc)
