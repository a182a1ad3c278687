"""Plugins whose source attacks plugcheck's own process (the static and mypy passes): each sits
beside a plugin with a real error, which must still be reported, and the run must end with that
finding (exit 1), never with an internal error (exit 2) or a pass."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from plugcheck import untrusted
from plugcheck.static.typecheck import bounded

from conftest import TESTDATA, copy_host

pytestmark = pytest.mark.harness

HOOK = (
    "\n\nfrom demo_host import hookimpl\n\n\n@hookimpl\ndef demo_startup(config):\n"
    "    return None\n"
    # The compiler warns about these (SyntaxWarning on 3.12, DeprecationWarning before) with the
    # line itself, raw: never on plugcheck's stderr (it was, once per parse, escapes and all).
    'PATTERN = "\\d \x1b[2J\x1b[32mAll checks passed"\nSAME = 1 is 1\n'
)

JSON = ("--output-format", "json")

SOURCES = {
    # ast.parse's own stack overflows: CPython raises MemoryError, which crashed every check
    # that read the module, the other plugins' checks too (the run ended with exit 2).
    "nested_lambdas": "X = " + "lambda: " * 3000 + "1\n",
    "nested_unary": "X = " + "-" * 5000 + "1\n",
    "long_sum": "X = " + " + ".join(["1"] * 30000) + "\n",
    "long_attribute": "X = a" + ".b" * 50000 + "\n",
    "nested_calls": "def f(*a):\n    return 1\n\n\nX = " + "f(" * 150 + ")" * 150 + "\n",
    # Module constants that name the next ones a hundred times: the branch decider read each
    # name's definition again wherever it was named, 100**5 reads for `if A0:` and 100**3 for
    # `if B0 == 1:` (through a host probe): plugcheck never finished (red team red60).
    "constant_fan": "".join(f"A{i} = " + " or ".join([f"A{i + 1}"] * 100) + "\n" for i in range(5))
    + "A5 = len('x') == 1\nB3 = 'x'\n"
    + "".join(
        f"B{i} = str(B{i + 1}.split(" + ", ".join([f"B{i + 1}"] * 100) + "))\n" for i in (2, 1, 0)
    )
    + "if A0:\n    pass\nif B0 == 1:\n    pass\n",
    # The same in the constant folding of a hook's `specname` (red team red60).
    "format_fan": "from demo_host import hookimpl\nS5 = 'x'\n"
    + "".join(
        f"S{i} = '" + "{}" * 100 + "'.format(" + ", ".join([f"S{i + 1}"] * 100) + ")\n"
        for i in (4, 3, 2, 1, 0)
    )
    + "\n\n@hookimpl(specname=S0)\ndef on_startup(config):\n    return None\n",
    # And in the reading of a hookimpl's `**` keywords: 100**4 (red team red60).
    "splat_fan": "from demo_host import hookimpl\nO4 = {'specname': 'demo_startup'}\n"
    + "".join(f"O{i} = dict(" + ", ".join([f"**O{i + 1}"] * 100) + ")\n" for i in (3, 2, 1, 0))
    + "\n\n@hookimpl(**O0)\ndef on_startup(config):\n    return None\n",
}


@pytest.mark.parametrize("attack", sorted(SOURCES))
def test_pathological_source_breaks_no_other_plugins_check(tmp_path: Path, attack: str) -> None:
    root = copy_host(TESTDATA / "rules" / "PC501" / "bad", tmp_path / "host")
    (root / "plugins" / f"{attack}.py").write_text(SOURCES[attack] + HOOK, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "plugcheck", "check", str(root), "--no-dynamic", *JSON],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONWARNINGS": "default"},
        timeout=300,
        check=False,
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert f"{attack}.py" not in proc.stderr and "\x1b" not in proc.stderr, proc.stderr[-2000:]
    data = json.loads(proc.stdout)
    assert data["errors"] == [], data["errors"]
    assert "internal error" not in proc.stderr, proc.stderr[-2000:]
    assert proc.returncode == 1
    codes = {(f["plugin"], f["code"]) for f in data["findings"]}
    assert ("typo", "PC501") in codes


def _address_space(limit: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def test_a_module_whose_syntax_tree_is_too_large_is_a_finding_not_plugcheck_s_memory(
    tmp_path: Path,
) -> None:
    # Before: 4 MB of `a` lines held plugcheck at 3.7 GB of memory for 14 minutes (killed,
    # unfinished): CPython's syntax tree takes 900 bytes a byte of such source. Now a source
    # of more than 256 KiB is parsed first in a forked child held to plugcheck's limit of
    # memory for one tree (lowered to 64 MiB here, where 400 KB of such lines take 360 MB).
    # plugcheck itself runs under a 1.5 GiB address space: a parse of it whole fails the test.
    root = copy_host(TESTDATA / "rules" / "PC501" / "bad", tmp_path / "host")
    (root / "plugins" / "bomb.py").write_text("a\n" * 200_000 + HOOK, encoding="utf-8")
    # A large module that is no bomb (400 KB of long strings, 7 MB of tree): checked as usual.
    table = "".join(f'ROW_{n} = "{"x" * 90}"\n' for n in range(4000))
    (root / "plugins" / "table.py").write_text(table + HOOK, encoding="utf-8")
    # A hook name folded from a template's own width: before, a 2 GB string in plugcheck's
    # process (14 GB at its peak, killed after 5 minutes; red team red60).
    wide = '@hookimpl(specname="{:>1999999999}".format("x"))\ndef on_startup(config):\n'
    (root / "plugins" / "wide.py").write_text(HOOK + "\n\n" + wide + "    pass\n", "utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "plugcheck", "check", str(root), "--no-dynamic", *JSON],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "XDG_CACHE_HOME": str(tmp_path / "cache"),
            untrusted.PARSE_MEMORY_ENV: "64",
        },
        preexec_fn=_address_space(1536 * 1024 * 1024),
        timeout=300,
        check=False,
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    data = json.loads(proc.stdout)
    assert data["errors"] == [], data["errors"]
    found = {(f["plugin"], f["code"]): f["message"] for f in data["findings"]}
    assert "more than 64 MiB" in found[("bomb", "PC001")], found
    assert "plugcheck neither checks nor imports the plugin" in found[("bomb", "PC001")]
    assert ("table", "PC001") not in found, found
    assert ("typo", "PC501") in found
    assert proc.returncode == 1


def test_a_string_a_plugin_parses_is_held_to_the_same_memory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # What the static pass parses out of a plugin's strings (an `exec` of a constant, a string
    # annotation) goes through the same bound: a string of any size was parsed whole in plugcheck.
    monkeypatch.setenv(untrusted.PARSE_MEMORY_ENV, "64")
    with pytest.raises(untrusted.TooLarge, match="more than 64 MiB"):
        untrusted.parse("a\n" * 200_000)
    with pytest.raises(untrusted.TooLarge):
        untrusted.parse_expression("(" + "a," * 200_000 + ")")
    assert len(untrusted.parse("a\n" * 100).body) == 100  # small: in plugcheck's process
    fits = "".join(f'ROW_{n} = "{"x" * 90}"\n' for n in range(4000))
    assert len(untrusted.parse(fits).body) == 4000


def test_a_module_of_many_statements_costs_linear_time(tmp_path: Path) -> None:
    # Before: the import-time rule walked the whole tree once per module-level statement, and
    # the environment-switch rule scanned the module's body once per statement: 10,000 calls
    # (120 KB) took 46 s of CPU, 100,000 (1.2 MB) over an hour (red team red27). Now 8,000
    # take about 4 s; plugcheck runs under a 20 s CPU limit (the old code took about 30 s).
    root = copy_host(TESTDATA / "rules" / "PC501" / "bad", tmp_path / "host")
    busy = "import os\n" + "os.getcwd()\n" * 8000
    (root / "plugins" / "busy.py").write_text(busy + HOOK, encoding="utf-8")
    command = [sys.executable, "-m", "plugcheck", "check", str(root), "--no-dynamic"]
    proc = subprocess.run(
        [*command, "--no-mypy", *JSON],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
        preexec_fn=_cpu_seconds(20),
        timeout=600,
        check=False,
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    data = json.loads(proc.stdout)
    codes = [(f["plugin"], f["code"]) for f in data["findings"]]
    assert codes.count(("busy", "PC110")) == 8000
    assert ("typo", "PC501") in codes
    assert proc.returncode == 1


def _cpu_seconds(limit: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (limit, limit))

    return apply


def test_a_pth_file_in_a_plugin_folder_is_read_bounded(tmp_path: Path) -> None:
    # Before: a FIFO named evil.pth beside the plugins (a plugin's folder is an import root,
    # whose .pth files the static pass reads for import hooks) held plugcheck for ever (killed
    # after 120 s, no output), and a sparse 8 GiB one was read whole.
    root = copy_host(TESTDATA / "rules" / "PC501" / "bad", tmp_path / "host")
    os.mkfifo(root / "plugins" / "evil.pth")
    with open(root / "plugins" / "huge.pth", "wb") as handle:
        handle.truncate(8 * 1024**3)
    proc = subprocess.run(
        [sys.executable, "-m", "plugcheck", "check", str(root), "--no-dynamic", *JSON],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
        preexec_fn=_address_space(1536 * 1024 * 1024),
        timeout=120,
        check=False,
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    data = json.loads(proc.stdout)
    # The case's own findings and nothing else (PC501/bad holds more than one plugin).
    found = {(f["plugin"], f["code"]) for f in data["findings"]}
    assert ("typo", "PC501") in found and {code for _, code in found} == {"PC501"}, found
    assert proc.returncode == 1


def test_names_that_are_not_utf8_are_reported_not_crashed_on(tmp_path: Path) -> None:
    # Before: a plugin tree holding a file or folder whose name is not UTF-8 crashed plugcheck
    # with a traceback (the result cache hashed the name as text; exit 1, no report at all).
    root = copy_host(TESTDATA / "rules" / "PC501" / "bad", tmp_path / "host")
    plugins = os.fsencode(root / "plugins")
    try:
        os.mkdir(plugins + b"/pkg\xfe")
    except OSError:
        pytest.skip("the file system refuses names that are not UTF-8")
    with open(plugins + b"/pkg\xfe/__init__.py", "wb") as handle:
        handle.write(b"X = 1\n")
    with open(plugins + b"/odd\xffname.py", "wb") as handle:
        handle.write(b"from demo_host import hookimpl\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    for output in ("text", "json", "sarif", "github", "json"):  # the last one from the cache
        proc = subprocess.run(
            [sys.executable, "-m", "plugcheck", "check", str(root), "--output-format", output],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )
        assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
        assert proc.returncode == 1, (output, proc.stderr[-2000:])
        assert "PC501" in proc.stdout


def _exponential_types(depth: int) -> str:
    """Type aliases that double at each level: mypy's checks and cache writes walk every
    leaf (2**depth of them)."""
    lines = ["from typing import Tuple", "", "A0 = Tuple[int, int]", "B0 = Tuple[bool, bool]"]
    for level in range(1, depth):
        lines += [f"A{level} = Tuple[A{level - 1}, A{level - 1}]"]
        lines += [f"B{level} = Tuple[B{level - 1}, B{level - 1}]"]
    last = depth - 1
    return "\n".join([*lines, "", "", f"def f(x: B{last}) -> A{last}:", "    return x", ""])


FACTORY = """

class P:
    def init(self, config):
        pass

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
"""

WRONG_INIT = """class P:
    def init(self):
        pass

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new() -> P:
    return P()
"""


def test_a_plugin_that_makes_mypy_hang_costs_a_bounded_time(tmp_path: Path) -> None:
    # Before: plugcheck never finished (mypy runs compiled, in plugcheck's own process: no
    # signal handler runs inside it), and no plugin was reported. Now the build runs in a
    # forked child that is killed when mypy's log stays silent (PLUGCHECK_MYPY_STALL), the
    # plugin it was in gets PC209 and the build is run again without it.
    root = copy_host(TESTDATA / "hostile", tmp_path / "host")
    plugins = root / "plugins"
    for old in plugins.iterdir():
        old.unlink()
    (plugins / "bomb.py").write_text(_exponential_types(40) + FACTORY, encoding="utf-8")
    (plugins / "typo.py").write_text(WRONG_INIT, encoding="utf-8")
    # 8 s: the bomb burns a core until then; the longest silence of a healthy build here (the
    # standard library's module group, a cold cache) was 1-2 s at load 14.
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PLUGCHECK_MYPY_STALL": "8"}
    proc = subprocess.run(
        [sys.executable, "-m", "plugcheck", "check", str(root), "--no-dynamic", *JSON],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    data = json.loads(proc.stdout)
    codes = {(f["plugin"], f["code"]) for f in data["findings"]}
    assert ("bomb", "PC209") in codes
    assert ("typo", "PC204") in codes  # the other plugin is still judged by mypy
    message = next(f["message"] for f in data["findings"] if f["code"] == "PC209")
    assert "made no progress for 8 s while checking bomb" in message
    assert proc.returncode == 1


def test_a_plugin_that_makes_mypy_take_its_memory_costs_a_bounded_amount(tmp_path: Path) -> None:
    # Before: one line, `(0,) * 30000000`, made mypy build a tuple type of 30 million items:
    # its build child (which had no limit) took 6.4 GB and the run said "All checks passed";
    # a larger count takes the machine's memory. Now the child's address space is bounded
    # (PLUGCHECK_MYPY_MEMORY MiB beyond its start, 256 here); the plugin whose file mypy ran
    # out of memory in gets PC209 and the build is run again without it. plugcheck runs under
    # a 1.5 GiB address space: on main the build fails there without a finding.
    root = copy_host(TESTDATA / "hostile", tmp_path / "host")
    plugins = root / "plugins"
    for old in plugins.iterdir():
        old.unlink()
    (plugins / "bomb.py").write_text(f"SLOTS = (0,) * 5_000_000\n{FACTORY}", encoding="utf-8")
    (plugins / "typo.py").write_text(WRONG_INIT, encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), bounded.MEMORY_ENV: "256"}
    proc = subprocess.run(
        [sys.executable, "-m", "plugcheck", "check", str(root), "--no-dynamic", *JSON],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=_address_space(1536 * 1024 * 1024),
        timeout=600,
        check=False,
    )
    assert "INTERNAL ERROR" not in proc.stderr + proc.stdout, proc.stderr[-2000:]
    data = json.loads(proc.stdout)
    assert data["errors"] == [], data["errors"]
    found = {(f["plugin"], f["code"]): f["message"] for f in data["findings"]}
    assert "ran out of the 256 MiB of memory it may take in bomb.py" in found[("bomb", "PC209")]
    assert ("typo", "PC204") in found  # the other plugin is still judged by mypy
    assert proc.returncode == 1


def test_folders_nested_too_deep_are_a_finding_not_a_traceback(tmp_path: Path) -> None:
    # Before: os.walk (recursive) raised RecursionError in discovery: a traceback, exit 1 and
    # no report. Now the folder past 64 levels is PC001 and the rest of the run is normal.
    root = copy_host(TESTDATA / "rules" / "PC501" / "bad", tmp_path / "host")
    deep = root / "plugins" / "deep"
    deep.mkdir()
    (deep / "__init__.py").write_text("", encoding="utf-8")
    fd = os.open(deep, os.O_RDONLY)
    try:
        for _ in range(100):  # 1,500 (past the recursion limit) would also trip pytest's rmtree
            os.mkdir("d", dir_fd=fd)
            inner = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        os.close(os.open("x.py", os.O_WRONLY | os.O_CREAT, dir_fd=fd))
    finally:
        os.close(fd)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "plugcheck", "check", str(root), *JSON],
            capture_output=True,
            text=True,
            env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
            timeout=300,
            check=False,
        )
    finally:
        _remove_nested(deep, 100)  # pytest's own clean-up (shutil.rmtree) recurses too
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    data = json.loads(proc.stdout)
    assert data["errors"] == [], data["errors"]  # internal errors too (a crashed check)
    codes = {(f["plugin"], f["code"]) for f in data["findings"]}
    assert ("deep", "PC001") in codes
    assert ("typo", "PC501") in codes
    assert proc.returncode == 1


def _remove_nested(top: Path, depth: int) -> None:
    """Remove ``depth`` folders named ``d`` nested in ``top`` (and the ``x.py`` at the bottom)
    without recursion and without a path longer than the system opens."""
    fds = [os.open(top, os.O_RDONLY)]
    try:
        for _ in range(depth):
            fds.append(os.open("d", os.O_RDONLY, dir_fd=fds[-1]))
        os.unlink("x.py", dir_fd=fds[-1])
        while len(fds) > 1:
            os.close(fds.pop())
            os.rmdir("d", dir_fd=fds[-1])
    finally:
        for fd in fds:
            os.close(fd)


STUB = """from typing import Any, Callable, Protocol


class Plugin(Protocol): ...


class Registry: ...


Factory = Callable[..., Any]
Register = Callable[..., Any]
"""

EVIL = """from plugapi import Plugin


class P:
    def init(self, config: object) -> None: ...

    def run(self) -> None: ...

    def shutdown(self, timeout: float) -> None: ...


def new() -> Plugin:
    return P()
"""


COPIES = [
    "evil/src/plugapi/__init__.pyi",
    "evil/src/plugapi.pyi",
    "plugapi.pyi",
    "evil.py",
    # mypy stopped the whole build: "This file shadows library module" (exit 2, every plugin).
    "evil/src/typing.pyi",
    "evil/src/typing_extensions.py",
]


@pytest.mark.parametrize("copy", COPIES)
def test_a_plugins_copy_of_the_api_types_no_other_plugin(tmp_path: Path, copy: str) -> None:
    # The API installed in the environment (here PYTHONPATH), as entry-point hosts have it: a
    # plugin's import root comes before site-packages on mypy's search path, so a stub of the
    # API there (invisible to Python's import) was the API for every plugin of the build, and
    # `Factory = Callable[..., Any]` made the others' PC201 vanish: "All checks passed", exit 0
    # (red team sand19). A real copy (evil.py: a module plugin shipping plugapi/ beside it) too.
    # The host has imported its own before it loads a plugin: the plugin's copy types no one.
    root = copy_host(TESTDATA / "rules" / "PC201" / "bad", tmp_path / "host")
    (root / "api").rename(root / "site")
    config = root / "pyproject.toml"
    config.write_text(config.read_text().replace('search-path = ["api"]', "search-path = []"))
    plugins = root / "plugins"
    if copy.startswith("evil/"):
        (plugins / "evil" / "src" / "evil").mkdir(parents=True)
        project = '[project]\nname = "evil"\nversion = "1"\n'
        (plugins / "evil" / "pyproject.toml").write_text(project)
        (plugins / "evil" / "src" / "evil" / "__init__.py").write_text(EVIL)
    elif copy == "evil.py":
        (plugins / "evil.py").write_text(EVIL)
        copy = "plugapi/__init__.py"
    (plugins / copy).parent.mkdir(parents=True, exist_ok=True)
    (plugins / copy).write_text(STUB)
    proc = subprocess.run(
        [sys.executable, "-m", "plugcheck", "check", str(root), "--no-dynamic", *JSON],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": "site"},
        cwd=root,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 1, proc.stdout[-2000:] + proc.stderr[-2000:]
    codes = {(f["plugin"], f["code"]) for f in json.loads(proc.stdout)["findings"]}
    assert {("sized", "PC201"), ("registrar", "PC201")} <= codes, codes
