"""Time the dynamic harness against a naive `python -c "import plugin; ..."` loop, same plugins.

python bench/bench_harness.py          # 100 trivial plugins, 16 per out-of-process kind
python bench/bench_harness.py 300 32
python bench/bench_harness.py --confinement 100 9   # only confinement's cost, paired rounds

The harness runs once more with confinement off (``Limits(confine=False)``): the last line
gives what Landlock + seccomp + dropping capabilities cost per plugin, as a ratio and in ms.

Both drive each plugin through its full lifecycle (import, factory, init, run, shutdown twice),
each plugin in its own process. The harness adds isolation (rlimits, process group, deadlines,
temp cwd, scrubbed env, captured stdio, audit hooks, leak checks); the naive loop has none.
"Overhead per plugin" is the harness's time per plugin with one job, minus the plugin's own
import time (measured in one warm process).

The same table has a row per out-of-process kind (exec, go-plugin, wasm): the per-plugin cost of a
conformance run (``plugcheck.check`` with the dynamic pass only), on copies of each kind's good
per-rule case made by bench_oop.py. "vs naive" is per plugin throughout.
"""

from __future__ import annotations

import importlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench_oop  # bench/ is sys.path[0] when this script runs

from plugcheck import Options, UsageError, check
from plugcheck.config import load_config
from plugcheck.discovery import discover
from plugcheck.environment import query
from plugcheck.harness import Limits, run
from plugcheck.harness.confine import Plan, describe, python_plugins
from plugcheck.kinds import available

API = Path(__file__).resolve().parents[1] / "testdata" / "rules" / "PC401" / "good" / "api"
"""A tiny lifecycle API (plugapi: Plugin protocol, Factory, ConfigError), reused as is."""

PLUGIN = """from collections.abc import Mapping

from plugapi import ConfigError, Plugin


class Impl{i}:
    def init(self, config: Mapping[str, str]) -> None:
        if not config.get("greeting"):
            raise ConfigError("empty")
        self.greeting = config["greeting"]

    def run(self) -> None:
        self.out = self.greeting * {i}

    def shutdown(self, timeout: float) -> None:
        self.out = ""


def new() -> Plugin:
    return Impl{i}()
"""

CONTRACT = """[tool.plugcheck.contracts.bench]
kind = "factory"
api = "plugapi"
paths = ["plugins/*.py"]
search-path = ["api"]

[tool.plugcheck.contracts.bench.exports]
new = "plugapi:Factory"

[tool.plugcheck.contracts.bench.lifecycle]
protocol = "plugapi:Plugin"
factory = "new"
config = { greeting = "hi" }
invalid-config = { greeting = "" }
deadline = 5.0
"""

NAIVE = (
    "import sys; sys.path[:0] = [{plugins!r}, {api!r}]; import {name} as m; p = m.new(); "
    "p.init({{'greeting': 'hi'}}); p.run(); p.shutdown(5.0); p.shutdown(5.0)"
)


def make_host(root: Path, count: int) -> Path:
    shutil.copytree(API, root / "api")
    (root / "plugins").mkdir()
    for i in range(count):
        (root / "plugins" / f"plug{i:04d}.py").write_text(PLUGIN.format(i=i))
    (root / "pyproject.toml").write_text(CONTRACT)
    return root


def cpu() -> float:
    """CPU seconds used so far by this process and every child it has waited for."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measured(fn: object, *args: object, repeat: int = 3) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of the fastest of ``repeat`` calls of ``fn(*args)``: the
    machine is shared, the minimum is the least disturbed run."""
    assert callable(fn)
    best = (float("inf"), 0.0)
    for _ in range(repeat):
        cpu0 = cpu()
        wall = float(fn(*args))
        best = min(best, (wall, cpu() - cpu0))
    return best


def naive(root: Path, count: int) -> float:
    start = time.perf_counter()
    for i in range(count):
        code = NAIVE.format(
            plugins=str(root / "plugins"), api=str(root / "api"), name=f"plug{i:04d}"
        )
        subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def harness(root: Path, jobs: int, confine: bool = True) -> float:
    config = load_config(root / "pyproject.toml", available())
    contract = config.contracts[0]
    env = query(None, [])
    plugins = discover(contract, env)
    start = time.perf_counter()
    results = run([(contract, plugins)], env, jobs=jobs, limits=Limits(confine=confine))
    elapsed = time.perf_counter() - start
    bad = [r.plugin.name for r in results if not r.ok]
    assert not bad, f"plugins failed in the harness: {bad[:5]}"
    return elapsed


def end_to_end(root: Path, jobs: int) -> float:
    start = time.perf_counter()
    report = check(Options(paths=(root,), static=False, mypy=False, jobs=jobs))
    assert not report.findings, report.findings[:3]
    return time.perf_counter() - start


def conformance(root: Path, jobs: int) -> float:
    """One out-of-process kind's dynamic checks (the static ones are not its conformance run)."""
    return end_to_end(root, jobs)


def kind_rows(root: Path, count: int, jobs: int) -> list[tuple[str, float, float, int]]:
    rows = []
    for kind in bench_oop.KINDS:
        name = f"{kind}: conformance run, --jobs {jobs}"
        try:
            target = bench_oop.host(kind, count, root)
            conformance(target, jobs)  # warm up; a missing extra raises UsageError here
        except UsageError as exc:
            print(f"{kind}: skipped ({exc})", file=sys.stderr)
            continue
        wall, used = measured(conformance, target, jobs)
        rows.append((name, wall, used, count))
    return rows


def import_time(root: Path, count: int) -> float:
    """The plugins' own import cost per plugin, in one warm process (what any host pays)."""
    sys.path[:0] = [str(root / "plugins"), str(root / "api")]
    sys.dont_write_bytecode = True
    importlib.import_module("plugapi")
    start = time.perf_counter()
    for i in range(count):
        importlib.import_module(f"plug{i:04d}")
    return (time.perf_counter() - start) / count


def main(argv: list[str]) -> None:
    count = int(argv[1]) if len(argv) > 1 else 100
    per_kind = int(argv[2]) if len(argv) > 2 else 16
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        root = make_host(Path(tmp), count)
        # Warm the page cache and write the plugins' .pyc files: a confined child cannot write
        # them (its directory is the only writable one), so without this every confined run
        # would compile the plugins anew and the bare run would not.
        harness(root, cores, False)
        t_naive, c_naive = measured(naive, root, count)
        t_one, c_one = measured(harness, root, 1)
        t_bare, c_bare = measured(harness, root, 1, False)
        t_all, c_all = measured(harness, root, cores)
        t_e2e, c_e2e = measured(end_to_end, root, cores)
        t_import = import_time(root, count)
        kinds = kind_rows(Path(tmp) / "kinds", per_kind, cores)
    load = os.getloadavg()[0]
    rows = [
        ("naive loop: python -c per plugin", t_naive, c_naive, count),
        ("harness, --jobs 1", t_one, c_one, count),
        ("harness, --jobs 1, without confinement", t_bare, c_bare, count),
        (f"harness, --jobs {cores} (default)", t_all, c_all, count),
        (f"plugcheck harness end to end, --jobs {cores}", t_e2e, c_e2e, count),
        *kinds,
    ]
    print(
        f"{count} trivial plugins, full lifecycle, each in its own process, and {per_kind} "
        f"plugins per out-of-process kind, best of 3 ({cores} CPUs, load average {load:.1f} "
        "at the end)\n"
    )
    header = ("run", "plugins", "wall s", "wall ms/plugin", "vs naive", "CPU ms/plugin")
    print("| {:<44} | {:>7} | {:>7} | {:>14} | {:>8} | {:>13} |".format(*header))
    print(f"|{'-' * 46}|{'-' * 9}|{'-' * 9}|{'-' * 16}|{'-' * 10}|{'-' * 15}|")
    naive_each = t_naive / count
    for name, seconds, used, plugins in rows:
        print(
            f"| {name:<44} | {plugins:7d} | {seconds:7.2f} | {seconds / plugins * 1000:14.2f} | "
            f"{seconds / plugins / naive_each:7.2f}x | {used / plugins * 1000:13.2f} |"
        )
    print(
        f"\nplugin import time (warm process): {t_import * 1000:.2f} ms/plugin\n"
        f"harness overhead per plugin above it, --jobs 1: wall "
        f"{(t_one / count - t_import) * 1000:.2f} ms, "
        f"CPU {(c_one / count - t_import) * 1000:.2f} ms (target <= 5 ms)\n"
        f"default jobs vs naive loop: {t_all / t_naive:.2f}x wall (target <= 0.25x), "
        f"{c_all / c_naive:.2f}x CPU\n"
        f"confinement ({describe(Plan().mechanisms())}), --jobs 1: "
        f"{t_one / t_bare:.3f}x wall, {(t_one - t_bare) / count * 1000:+.2f} ms/plugin wall, "
        f"{(c_one - c_bare) / count * 1000:+.2f} ms/plugin CPU (target <= 1 ms)"
    )


def confinement_only(count: int, rounds: int) -> None:
    """``--confinement [N [ROUNDS]]``: only what confinement costs per plugin, paired: each
    round runs the harness (--jobs 1) with and without confinement back to back, in
    alternating order, and takes the difference of their CPU time (this process and the fork
    server with its children); the median over the rounds, with the load average."""
    with tempfile.TemporaryDirectory() as tmp:
        root = make_host(Path(tmp), count)
        harness(root, 1, False)  # warm the page cache, write the .pyc files
        cpu_diffs, wall_diffs = [], []
        for index in range(rounds):
            order = (True, False) if index % 2 == 0 else (False, True)
            spent: dict[bool, tuple[float, float]] = {}
            for confine in order:
                cpu0 = cpu()
                wall = harness(root, 1, confine)
                spent[confine] = (wall, cpu() - cpu0)
            wall_diffs.append((spent[True][0] - spent[False][0]) / count * 1000)
            cpu_diffs.append((spent[True][1] - spent[False][1]) / count * 1000)
    wall_diffs.sort()
    cpu_diffs.sort()
    applied = apply_cost(400)
    load = os.getloadavg()
    print(
        f"confinement ({describe(python_plugins())}), {count} plugins, --jobs 1, "
        f"{rounds} paired rounds, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}:\n"
        f"CPU per plugin: median {cpu_diffs[rounds // 2]:+.2f} ms "
        f"(min {cpu_diffs[0]:+.2f}, max {cpu_diffs[-1]:+.2f}); wall per plugin: median "
        f"{wall_diffs[rounds // 2]:+.2f} ms (target <= 1 ms)\n"
        f"applying it in a forked child (Plan.apply with a prebuilt read layer, the CPU time of "
        f"that child, which load barely moves): median {applied:.3f} ms"
    )


def apply_cost(children: int) -> float:
    """Median CPU milliseconds a forked child spends in ``Plan.apply`` (the worker's plan: the
    read rules prebuilt into one layer for the children's directory)."""
    import statistics

    with tempfile.TemporaryDirectory() as slot:
        plan = Plan(unix=False, readable=[p for p in sys.path if p])
        plan.prebuild([slot])
        spent = []
        for _ in range(children):
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: measure, report, leave without cleaning up
                os.close(read)
                own = tempfile.mkdtemp(dir=slot)
                start = time.process_time_ns()
                ok = plan.apply([own]) == plan.mechanisms()
                os.write(write, str(time.process_time_ns() - start if ok else -1).encode())
                os._exit(0)
            os.close(write)
            spent.append(int(os.read(read, 32) or b"-1"))
            os.close(read)
            os.waitpid(pid, 0)
        plan.close()
    assert min(spent) >= 0, "a child could not confine itself"
    return statistics.median(spent) / 1e6


if __name__ == "__main__":
    if sys.argv[1:2] == ["--confinement"]:
        numbers = [int(a) for a in sys.argv[2:4]]
        confinement_only(*(numbers + [100, 9][len(numbers) :]))
    else:
        main(sys.argv)
