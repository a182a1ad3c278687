"""Time plugcheck's mypy pass against bare mypy on the same files, in the same process.

python bench/bench_mypy.py             # N = 10, 100, 500
python bench/bench_mypy.py 10 100

For each N a synthetic host (bench/generate.py) is written to a temp dir. Both sides run cold
(empty cache), warm (nothing changed) and warm with one plugin touched. "cold, no seed" gives
each round of both sides an empty cache and a fresh cache home (``XDG_CACHE_HOME``): plugcheck
starts from nothing, like bare mypy. "cold, seeded" starts plugcheck from its per-user seed (the
typeshed standard-library entries a first run keeps, ``typecheck/cache.py``), made once in a
cache home of its own before the timed rounds, as every run after the first on a machine does;
bare mypy has no seed, so its column repeats its cold figure. The warm rows run in the seeded
cache home. The plugcheck column is the mypy pass alone (plan, check modules, the build,
mapping to findings, and the forked process the builds run in), timed around the registered
pass. Times are CPU seconds of this process and the processes it waited for (both sides run in
it): other load on the machine does not count, file system waits do not either.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import resource
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from mypy import api as mypy_api

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

from plugcheck import Options, check
from plugcheck.passes import RUN_PASSES, RunInput

ROUNDS = 5


def cpu() -> float:
    """CPU time (user + system) of this process and of the processes it waited for: both sides
    run in it, and plugcheck's mypy builds run in a forked process (``typecheck.build``), whose
    CPU ``time.process_time`` left out (the plugcheck column then showed the pass's own
    planning only). The machine is shared: CPU, not wall time."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


class PassTimer:
    """Wraps the registered mypy pass to time it alone."""

    def __init__(self) -> None:
        self.seconds = 0.0
        original = RUN_PASSES["mypy"]
        inner = original.run

        def timed(data: RunInput) -> list[object]:
            start = cpu()
            try:
                return inner(data)  # type: ignore[return-value]
            finally:
                self.seconds = cpu() - start

        RUN_PASSES["mypy"] = dataclasses.replace(original, run=timed)  # type: ignore[arg-type]


def plugin_files(host: Path) -> list[Path]:
    return sorted(p for p in (host / "plugins").rglob("*.py"))


def bare_mypy(host: Path, cache: Path) -> float:
    files = [str(p) for p in plugin_files(host)]
    os.environ["MYPYPATH"] = str(host / "api")
    gc.collect()
    gc.freeze()  # as plugcheck does: the bench's own objects are not mypy's to scan
    start = cpu()
    _out, err, status = mypy_api.run(
        [
            "--config-file",
            "",  # no config: plugcheck's own pyproject.toml would make this run --strict
            "--cache-dir",
            str(cache),
            "--show-column-numbers",
            "--show-absolute-path",
            "--output",
            "json",
            *files,
        ]
    )
    elapsed = cpu() - start
    gc.unfreeze()
    if status == 2:
        raise SystemExit(f"bare mypy failed: {err}")
    return elapsed


def plugcheck_pass(host: Path, cache: Path, timer: PassTimer) -> float:
    report = check(Options(paths=(host,), dynamic=False, cache_dir=cache))
    if report.crashes:
        raise SystemExit(f"plugcheck crashed: {report.crashes}")
    return timer.seconds


def median(fn: Callable[[], float], rounds: int = ROUNDS) -> float:
    return statistics.median(fn() for _ in range(rounds))


def touch(host: Path, count: int) -> Callable[[], None]:
    target = plugin_files(host)[len(plugin_files(host)) // 2]

    def do() -> None:
        nonlocal count
        count += 1
        target.write_text(target.read_text() + f"\n# touched {count}\n")

    return do


def in_cache_home(home: Path, run: Callable[[], float]) -> float:
    """``run()`` with ``XDG_CACHE_HOME`` set to ``home`` (where plugcheck keeps its seed)."""
    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(home)
    try:
        return run()
    finally:
        if saved is None:
            del os.environ["XDG_CACHE_HOME"]
        else:
            os.environ["XDG_CACHE_HOME"] = saved


def measure(n: int, work: Path, timer: PassTimer) -> list[tuple[str, float, float]]:
    host = generate(n, work / f"host-{n}")
    pc_cache, bare_cache = work / f"pc-cache-{n}", work / f"bare-cache-{n}"
    rounds = 2 if n >= 500 else 3
    fresh = iter(range(1_000_000))

    def cold_pc() -> float:  # nothing warm, not even the seed: a cache home of its own
        shutil.rmtree(pc_cache, ignore_errors=True)
        home = work / f"xdg-{n}-{next(fresh)}"
        return in_cache_home(home, lambda: plugcheck_pass(host, pc_cache, timer))

    def cold_bare() -> float:
        shutil.rmtree(bare_cache, ignore_errors=True)
        return bare_mypy(host, bare_cache)

    rows = []
    cold_bare_cpu = median(cold_bare, rounds)
    rows.append(("cold, no seed", median(cold_pc, rounds), cold_bare_cpu))

    seeded = work / f"xdg-{n}-seeded"
    in_cache_home(seeded, lambda: plugcheck_pass(host, pc_cache, timer))  # keeps the seed

    def seeded_pc() -> float:
        shutil.rmtree(pc_cache, ignore_errors=True)
        return in_cache_home(seeded, lambda: plugcheck_pass(host, pc_cache, timer))

    rows.append(("cold, seeded", median(seeded_pc, rounds), cold_bare_cpu))
    rows.append(
        (
            "warm",
            in_cache_home(seeded, lambda: median(lambda: plugcheck_pass(host, pc_cache, timer))),
            median(lambda: bare_mypy(host, bare_cache)),
        )
    )
    edit = touch(host, 0)

    def touched(run: Callable[[], float]) -> float:
        edit()
        return run()

    pc_touched = in_cache_home(
        seeded, lambda: median(lambda: touched(lambda: plugcheck_pass(host, pc_cache, timer)))
    )
    bare_touched = median(lambda: touched(lambda: bare_mypy(host, bare_cache)))
    rows.append(("warm, 1 touched", pc_touched, bare_touched))
    return rows


def main(sizes: list[int]) -> None:
    timer = PassTimer()
    table = []
    with tempfile.TemporaryDirectory(prefix="plugcheck-bench-mypy-") as tmp:
        os.chdir(tmp)  # no mypy or plugcheck config is picked up from the cwd
        for n in sizes:
            for case, pc, bare in measure(n, Path(tmp), timer):
                table.append((n, case, pc, bare))
                print(f"  N={n:<4} {case:<16} plugcheck {pc:7.2f}s  mypy {bare:7.2f}s", flush=True)
    print()
    print(f"{'N':>5}  {'run':<16} {'plugcheck':>10} {'bare mypy':>10} {'ratio':>7}")
    for n, case, pc, bare in table:
        print(f"{n:>5}  {case:<16} {pc:>9.2f}s {bare:>9.2f}s {pc / bare:>6.2f}x")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10, 100, 500])
