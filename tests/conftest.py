"""Shared test helpers: run plugcheck through its public surface on real files."""

from __future__ import annotations

import importlib.util
import json
import os
import py_compile
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import cli_here
import pytest
from hosts import copy_host as copy_host
from hosts import write_host as write_host

from plugcheck import Options, Report, check

ROOT = Path(__file__).resolve().parents[1]
TESTDATA = ROOT / "testdata"
EXPECT = re.compile(rb"#\s*expect:\s*((?:PC\d{3}[,\s]*)+)")

# A crashing check raises in tests instead of being reported (see plugcheck.engine).
os.environ["PLUGCHECK_STRICT"] = "1"
# Caches of this run only: the per-user mypy seed and every host's cache (nothing is written
# into testdata/, and no other checkout's cache on this machine is read). The process that
# loads this first makes the directory; xdist workers inherit it, and it removes it at the end.
_OWNER = "PLUGCHECK_TEST_CACHES" not in os.environ
if _OWNER:
    os.environ["PLUGCHECK_TEST_CACHES"] = tempfile.mkdtemp(prefix="plugcheck-tests-")
CACHE_HOME = Path(os.environ["PLUGCHECK_TEST_CACHES"])
os.environ["XDG_CACHE_HOME"] = str(CACHE_HOME / "home")
os.environ["PLUGCHECK_CACHE_DIR"] = str(CACHE_HOME / "hosts")


def pytest_unconfigure(config: pytest.Config) -> None:
    if _OWNER:
        shutil.rmtree(CACHE_HOME, ignore_errors=True)


# Out-of-process testdata plugins start with `#!/usr/bin/env python3`: let that be this
# interpreter (it has the rpc extra), even when the suite runs without an activated venv.
os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"


# The `harness` marker: a test that starts a Python process (the harness's fork server, a target
# interpreter, plugcheck's command line, a Python plugin executable) carries it, so that
# `pytest -m "not harness"` runs the in-process tests alone, in seconds. An unmarked test fails
# where it starts one, a slow test too: `-m "not harness"` replaces the `-m "not slow"` of the
# configured options, so a slow test that starts one is left out by its harness marker only.
# With PLUGCHECK_TEST_HARNESS_LOG=FILE, the node ids of the unmarked tests that start
# one are added to FILE, a line each: how the markers were first found.
_PYTHON_NAME = re.compile(r"python[\d.]*|plugcheck")
_started: list[str] | None = None
"""What the current unmarked test started; ``None`` outside an unmarked test."""


def _is_python(program: object) -> bool:
    if not isinstance(program, str | bytes | os.PathLike):
        return False
    path = os.fsdecode(program)
    if _PYTHON_NAME.fullmatch(os.path.basename(path)):
        return True
    found = shutil.which(path) if os.sep not in path else path
    try:
        with open(found or path, "rb") as file:
            first = file.readline(200)
    except OSError:
        return False
    return first.startswith(b"#!") and b"python" in first


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _started is None:
        return
    if event == "subprocess.Popen":
        executable, argv = args[0], args[1]
        program = executable or (argv[0] if isinstance(argv, list | tuple) and argv else None)
    elif event == "os.posix_spawn":
        program = args[0]
    else:
        return
    if _is_python(program):
        _started.append(os.fsdecode(program))  # type: ignore[arg-type]
        pytest.fail(f"starts a Python process ({_started[-1]}): mark the test harness")


sys.addaudithook(_audit)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    global _started
    _started = None if item.get_closest_marker("harness") else []
    try:
        yield
    finally:
        _started = None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Fails an unmarked test that started a Python process, also where the failure raised in
    the process-starting code was caught there (another thread, a broad ``except``)."""
    outcome = yield
    if call.when != "teardown" or not _started:
        return
    log = os.environ.get("PLUGCHECK_TEST_HARNESS_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as file:
            file.write(item.nodeid + "\n")
    report = outcome.get_result()  # type: ignore[attr-defined]
    report.outcome = "failed"
    report.longrepr = (
        f"{item.nodeid} starts a Python process ({', '.join(sorted(set(_started)))}) but is not "
        "marked `@pytest.mark.harness` (tests/conftest.py)"
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Slow tests first, in their order: the long ones start while the short ones can still fill
    the other workers' time (with ``-n``, each xdist_group runs as one unit, largest first)."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
    if getattr(config.option, "loadgroup", False):  # an xdist worker under --dist loadgroup
        _name_groups(items)


def _name_groups(items: list[pytest.Item]) -> None:
    """Each item of an ``xdist_group`` named ``nodeid@group``, as the controller's
    LoadGroupScheduling reads it. pytest-xdist 3.8 writes that name into ``item._nodeid``, which
    pytest 9.2 no longer reads (the id is ``item._id``): every group was split across the
    workers, and each worker built the group's module fixture (a differential family) again."""
    try:
        from _pytest.nodeid import coerce_node_id
    except ImportError:  # before pytest 9.2, xdist's own naming works
        return
    for item in items:
        marks = item.iter_markers("xdist_group")
        names = sorted(
            {str(m.args[0] if m.args else m.kwargs.get("name", "default")) for m in marks}
        )
        if names and item.nodeid.rfind("@") <= item.nodeid.rfind("]"):
            item._id = coerce_node_id(f"{item.nodeid}@{'_'.join(names)}")  # type: ignore[attr-defined]


def expectations(root: Path) -> set[tuple[str, int, str]]:
    """``# expect: PC101`` markers under ``root``: (relative path, line, code)."""
    found = set()
    for path in sorted(root.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        for number, line in enumerate(path.read_bytes().split(b"\n"), start=1):
            for match in EXPECT.finditer(line):
                for code in re.findall(rb"PC\d{3}", match.group(1)):
                    found.add((path.relative_to(root).as_posix(), number, code.decode()))
    return found


def observed(report: Report, root: Path) -> set[tuple[str, int, str]]:
    """(path relative to ``root``, line, code) of every finding; a finding at a symbolic link
    (PC427) is named by the link, not by where it leads."""
    return {(_under(f.location.path, root), f.location.line, f.code) for f in report.findings}


def _under(path: Path, root: Path) -> str:
    where = path.parent.resolve() / path.name
    return where.relative_to(root.resolve()).as_posix()


def user_namespaces() -> bool:
    """Whether this system lets a process make a user + mount namespace (where the harness
    bounds each plugin's temporary directory with a tmpfs of its own)."""
    probe = "import ctypes, sys; sys.exit(ctypes.CDLL(None).unshare(0x10020000) != 0)"
    return subprocess.run([sys.executable, "-c", probe], check=False).returncode == 0


def settled(predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Poll ``predicate`` until it holds or ``timeout`` seconds pass (instead of a fixed sleep
    before asserting what another process does): its last value."""
    deadline = time.monotonic() + timeout
    while not predicate() and time.monotonic() < deadline:
        time.sleep(0.02)
    return predicate()


def load_script(name: str) -> ModuleType:
    """Import ``scripts/<name>.py`` (testdata generators the tests reuse)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def run_check(root: Path, **options: object) -> Report:
    return check(Options(paths=(root,), **options))  # type: ignore[arg-type]


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "plugcheck", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=full_env,
        timeout=300,
        check=False,
    )


def run_cli_here(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """:func:`run_cli` in this process (``cli_here``): the same output without the interpreter's
    start and plugcheck's imports."""
    return cli_here.run(*args, cwd=cwd or Path.cwd(), env={**os.environ, **(env or {})})


def cli_json(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None, here: bool = False
) -> dict[str, object]:
    """The JSON report of ``plugcheck ARGS``: with ``here``, run in this process."""
    run = run_cli_here if here else run_cli
    proc = run(*args, "--output-format", "json", cwd=cwd, env=env)
    assert proc.returncode in (0, 1), proc.stderr
    data: dict[str, object] = json.loads(proc.stdout)
    return data


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This checkout; a clone of its HEAD when the tree is dirty (pre-commit's shadow copy of
    a dirty tree leaves untracked files out, which half-finished work depends on)."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of plugcheck")
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    if not status.stdout.strip():
        return ROOT
    clone = tmp_path_factory.mktemp("hooks") / "plugcheck"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, timeout=120)
    return clone


@pytest.fixture(scope="session")
def precommit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One ``PRE_COMMIT_HOME`` for the tests that try this checkout's ``plugcheck`` hooks (they
    share ``xdist_group("pre-commit-hooks")``, so one worker runs them): pre-commit builds the
    hooks' environment (pip installing plugcheck, mypy, libcst...) once, as on a user's machine,
    not once per test; every test still runs the real hook in it."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def chdir_tmp(tmp_path: Path) -> Iterator[Path]:
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(old)


def validate_report(document: object, schema: str) -> None:
    """Validate ``document`` against ``src/plugcheck/report/<schema>.schema.json``, whose
    references to the other shipped report schemas (findings) resolve to the shipped files."""
    import jsonschema
    from referencing import Registry, Resource

    folder = ROOT / "src" / "plugcheck" / "report"
    resources = [
        Resource.from_contents(json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(folder.glob("*.schema.json"))
    ]
    registry = Registry().with_resources((r.id(), r) for r in resources if r.id())
    main = json.loads((folder / f"{schema}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(main)
    jsonschema.Draft202012Validator(main, registry=registry).validate(document)


def case_env(case: Path, spec: dict[str, Any]) -> dict[str, str]:
    """A rule case's extra environment (``env`` in its ``case.toml``: a synthetic target
    environment, ``PYTHONPATH = "site"``, or ``"upgraded:site"``), each of ``PYTHONPATH``'s
    folders made absolute under ``case``."""
    return {
        k: os.pathsep.join(str(case / p) for p in v.split(":")) if k == "PYTHONPATH" else v
        for k, v in spec.get("env", {}).items()
    }


def built_case(case: Path, spec: dict[str, Any], scratch: Path) -> Path:
    """``case`` itself, or, where its ``case.toml`` lists ``go-build`` steps
    (``[output, package, mode]``) or ``pyc-build`` steps (``[compiled source, source the
    bytecode stands beside, invalidation mode]``), a copy in ``scratch`` with those built: a Go
    plugin must be built by the toolchain that checks it, and bytecode by the interpreter that
    loads it, so none is kept in testdata/."""
    builds: list[list[str]] = spec.get("go-build", [])
    pycs: list[list[str]] = spec.get("pyc-build", [])
    if pycs:
        copy = Path(shutil.copytree(case, scratch / case.name))
        for compiled, beside, mode in pycs:
            py_compile.compile(
                str(copy / compiled),
                cfile=importlib.util.cache_from_source(str(copy / beside)),
                dfile=str(copy / beside),
                invalidation_mode=py_compile.PycInvalidationMode[mode],
                doraise=True,
            )
        return copy
    if not builds:
        return case
    go = shutil.which("go")
    if go is None:
        pytest.skip("needs a Go toolchain (go on PATH)")
    copy = shutil.copytree(case, scratch / case.name)
    env = {
        **os.environ,
        "GOCACHE": str(scratch / "go-cache"),
        "GOPATH": str(scratch / "go-path"),
        "GOFLAGS": "-mod=mod",
        "GO111MODULE": "on",
        "GOTOOLCHAIN": "local",
    }
    for output, package, *mode in builds:
        flags = [f"-buildmode={m}" for m in mode]
        subprocess.run([go, "build", *flags, "-o", output, package], cwd=copy, env=env, check=True)
    return Path(copy)
