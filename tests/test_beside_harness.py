"""A pluggy contract's worker (registration and hook calls) runs while the harness runs, not
after it (issue 18 item 4): a single check no longer waits for the two one after the other.
What the worker's answers become still depends on the harness's findings (PC401, PC420), so the
pass judges them after the harness, as before; only the process starts early."""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from pathlib import Path

import pytest

from plugcheck import Options, check

from conftest import TESTDATA

pytestmark = pytest.mark.harness

# Only the pluggy worker calls hooks (the harness imports a pluggy plugin and calls nothing):
# this hook waits for the harness's result, which the test marks below.
WAITS = '''"""Its hook returns once the harness has reported on it."""

import os
import time

from demo_host import hookimpl

MARK = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "harness-done")


@hookimpl
def demo_startup(config):
    end = time.monotonic() + 20
    while not os.path.exists(MARK) and time.monotonic() < end:
        time.sleep(0.01)
    return config
'''


def _workers() -> list[int]:
    """This process's descendants running the PC5xx worker."""
    found, todo = [], [str(os.getpid())]
    while todo:
        pid = todo.pop()
        for task in os.listdir(f"/proc/{pid}/task") if os.path.isdir(f"/proc/{pid}") else ():
            try:
                todo += Path(f"/proc/{pid}/task/{task}/children").read_text().split()
            except OSError:
                continue
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"_ecosystem_worker" in cmdline:
            found.append(int(pid))
    return found


def _started_workers() -> int:
    """The PC5xx workers this process started that are running (each its own subtree)."""
    children = []
    for task in os.listdir(f"/proc/{os.getpid()}/task"):
        with contextlib.suppress(OSError):
            children += Path(f"/proc/{os.getpid()}/task/{task}/children").read_text().split()
    running = 0
    for pid in children:
        with contextlib.suppress(OSError):
            running += b"_ecosystem_worker" in Path(f"/proc/{pid}/cmdline").read_bytes()
    return running


def test_the_pluggy_worker_runs_while_the_harness_runs(tmp_path: Path) -> None:
    host = tmp_path / "host"
    shutil.copytree(TESTDATA / "rules" / "PC519" / "good", host)
    (host / "plugins" / "waits.py").write_text(WAITS)
    seen: list[list[int]] = []

    def harness_result(_result: object) -> None:
        seen.append(_workers())
        (host / "harness-done").touch()

    options = Options(
        paths=(host,), cache_dir=tmp_path / "cache", mypy=False, on_result=harness_result
    )
    report = check(options)

    assert seen and seen[0], "no pluggy worker was running when the harness reported"
    assert not report.errors and not report.crashes
    assert [f.code for f in report.findings] == []
    assert not _workers(), "a worker outlived the run"


def test_with_one_job_the_worker_waits_for_the_harness(tmp_path: Path) -> None:
    host = tmp_path / "host"
    shutil.copytree(TESTDATA / "rules" / "PC519" / "good", host)
    seen: list[list[int]] = []

    def harness_result(_result: object) -> None:
        seen.append(_workers())

    options = Options(
        paths=(host,), cache_dir=tmp_path / "cache", mypy=False, jobs=1, on_result=harness_result
    )
    report = check(options)

    # one result per plugin of the case (out49 gave it three), none with a worker beside it
    assert len(seen) == len(report.plugins) and seen, "one harness result per plugin"
    assert all(w == [] for w in seen), "a pluggy worker ran beside the harness's plugin processes"
    assert not report.errors and not report.crashes and not report.findings


def test_mypy_builds_run_beside_the_harness_and_judge_its_results(tmp_path: Path) -> None:
    # issue 18 item 1: mypy's builds are started before the harness and its pass collected
    # after it (its findings, its result cache), so that the builds run while the plugins do;
    # the harness's failures are still weighed against mypy's findings (a harness failure a
    # PC2xx error predicts is a note, not a second finding). test_rules runs every case so.
    host = tmp_path / "host"
    shutil.copytree(TESTDATA / "rules" / "PC204" / "bad", host)
    collected: list[bool] = []

    def harness_result(_result: object) -> None:
        collected.append(any((tmp_path / "cache").rglob("mypy-results/*.json")))

    report = check(Options(paths=(host,), cache_dir=tmp_path / "cache", on_result=harness_result))

    assert collected and not any(collected), "mypy's pass was collected before the harness ran"
    assert any((tmp_path / "cache").rglob("mypy-results/*.json"))
    assert not report.errors and not report.crashes
    assert {f.code for f in report.findings} == {"PC204"}
    assert any("already explained by PC2" in str(n) for n in report.notes)


def test_batches_of_a_pass_run_up_to_jobs_workers_at_once(tmp_path: Path) -> None:
    # issue 18 item 2: two plugins whose one module is `main` need a worker each (one process
    # imports `main` once); the second batch's worker starts while the first's is judged, up
    # to --jobs at once. Each hook waits until the test has seen two workers at once: one
    # after the other, each waited 20 s and the test failed.
    host = tmp_path / "host"
    shutil.copytree(TESTDATA / "rules" / "PC519" / "good", host)
    (host / "plugins" / "greeter.py").unlink()
    toml = (host / "pyproject.toml").read_text()
    (host / "pyproject.toml").write_text(toml.replace('"plugins/*"', '"plugins/*/main.py"'))
    for name in ("one", "two"):
        (host / "plugins" / name).mkdir()
        waits = WAITS.replace(
            "os.path.dirname(os.path.dirname(", "os.path.dirname(os.path.dirname(os.path.dirname("
        )
        (host / "plugins" / name / "main.py").write_text(waits.replace(")))", "))))"))
    most: list[int] = [0]
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.02):
            most[0] = max(most[0], _started_workers())
            if most[0] >= 2:
                (host / "harness-done").touch()

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        report = check(Options(paths=(host,), cache_dir=tmp_path / "cache", mypy=False, jobs=2))
    finally:
        done.set()
        watcher.join()

    assert most[0] >= 2, "the second batch's worker waited for the first"
    assert not report.errors and not report.crashes
    assert [f.code for f in report.findings] == []
    assert not _workers(), "a worker outlived the run"
