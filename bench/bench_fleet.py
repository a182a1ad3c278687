"""Issue 18's table in one run: plugcheck against honest baselines on the same synthetic fleet.

python bench/bench_fleet.py          # N = 1000, 3 rounds; growth: static 1k/3k, the rest 1k
python bench/bench_fleet.py --n 1000 --rounds 5 --growth 1000 3000 10000 \
    --growth-typed 1000 3000 10000 --growth-full 1000 3000
python bench/bench_fleet.py --only --growth --growth-typed --growth-full \
    --growth-harness 1000 3000 10000   # the harness's growth alone, user and system apart
python bench/bench_fleet.py --only static startup

Every number is CPU time (user + system of the measuring process and of the processes it waited
for: fork servers, plugin processes), the median of ``--rounds`` paired runs: each round runs
the baseline and plugcheck back to back, in alternating order, each in a fresh process
(bench/probe.py), on the same files. Wall time would measure the other engineers on a shared
machine; CPU time mostly does not, but a loaded machine still slows caches and memory, so the
1-minute load average is printed beside every row. Ratios are of the medians.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402 (bench/ is not a package)

PROBE = str(HERE / "probe.py")


@dataclass(frozen=True, slots=True)
class Cost:
    cpu: float
    """CPU seconds of the work (the probe's own figure when it gives one)."""
    wall: float
    rss: int
    """Peak resident set of the measured process, KiB."""
    minflt: int = 0
    """Minor page faults of the work (the probe's figure; 0 for a timed command)."""
    split: dict[str, float] | None = None
    """The probe's CPU as user and system time of its own process and of its children."""


def run(argv: Sequence[str], env: dict[str, str]) -> Cost:
    """Run ``argv`` (a probe, or a command under ``timed_command``) and read its cost."""
    start = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, env=env, check=False)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        tail = proc.stderr.decode(errors="replace")[-2000:]
        raise SystemExit(f"{' '.join(argv)}: exit {proc.returncode}\n{tail}")
    said = json.loads(proc.stdout.decode().strip().splitlines()[-1])
    faults = int(said.get("minflt", 0))
    return Cost(float(said["cpu"]), wall, int(said["rss"]), faults, said.get("split"))


def probe(what: str, host: Path, arg: str = "") -> list[str]:
    return [sys.executable, PROBE, what, str(host), arg]


def timed_command(argv: Sequence[str]) -> list[str]:
    """``argv`` under a tiny wrapper that reports its whole CPU time (start-up included)."""
    code = (
        "import json,resource,subprocess,sys;"
        "p=subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL);"
        "u=resource.getrusage(resource.RUSAGE_CHILDREN);"
        "print(json.dumps({'cpu':u.ru_utime+u.ru_stime,'rss':u.ru_maxrss}))"
    )
    return [sys.executable, "-c", code, *argv]


@dataclass(frozen=True, slots=True)
class Row:
    what: str
    ours: float
    base: float | None
    base_what: str
    load: float
    goal: str
    unit: str = "s"

    def show(self) -> str:
        ratio = f"{self.ours / self.base:6.2f}x" if self.base else "      "
        base = f"{self.base:8.3f}{self.unit}" if self.base is not None else " " * 9
        return (
            f"| {self.what} | {self.ours:.3f}{self.unit} | {self.base_what} {base.strip()} "
            f"| {ratio.strip()} | {self.goal} | {self.load:.1f} |"
        )


def paired(
    ours: Callable[[], Cost], base: Callable[[], Cost], rounds: int
) -> tuple[list[Cost], list[Cost]]:
    mine: list[Cost] = []
    theirs: list[Cost] = []
    for i in range(rounds):
        if i % 2:
            mine.append(ours())
            theirs.append(base())
        else:
            theirs.append(base())
            mine.append(ours())
    return mine, theirs


def median_cpu(costs: list[Cost]) -> float:
    return statistics.median(c.cpu for c in costs)


class Bench:
    def __init__(self, work: Path, n: int, rounds: int) -> None:
        self.work = work
        self.n = n
        self.rounds = rounds
        self.env = dict(os.environ, XDG_CACHE_HOME=str(work / "xdg"), PYTHONHASHSEED="0")
        self.env.pop("PLUGCHECK_CACHE_DIR", None)
        self.hosts: dict[int, Path] = {}
        self.rows: list[Row] = []

    def host(self, n: int) -> Path:
        if n not in self.hosts:
            self.hosts[n] = generate(n, self.work / f"host-{n}")
        return self.hosts[n]

    def add(self, row: Row) -> None:
        self.rows.append(row)
        print(row.show(), flush=True)

    def pair(
        self, ours: list[str], base: list[str], env: dict[str, str] | None = None
    ) -> tuple[float, float, float]:
        mine, theirs, load = self.pair_costs(ours, base, env)
        return median_cpu(mine), median_cpu(theirs), load

    def pair_costs(
        self, ours: list[str], base: list[str], env: dict[str, str] | None = None
    ) -> tuple[list[Cost], list[Cost], float]:
        load = os.getloadavg()[0]
        e = env or self.env
        mine, theirs = paired(lambda: run(ours, e), lambda: run(base, e), self.rounds)
        return mine, theirs, load

    def static(self) -> None:
        host = self.host(self.n)
        pc, floor, load = self.pair(probe("static", host), probe("parse", host))
        files = len(list((host / "plugins").rglob("*.py"))) + 1
        self.add(
            Row(
                f"static pass, N={self.n:,} (no mypy, no harness)",
                pc,
                floor,
                f"`ast.parse` of the same {files:,} files, trees discarded:",
                load,
                "≤ 2.0x",
            )
        )
        pc, plain, load = self.pair(probe("nogc", host), probe("static", host))
        self.add(
            Row(
                f"static pass, cyclic GC disabled (diagnostic), N={self.n:,}",
                pc,
                plain,
                "the plain static pass:",
                load,
                "what collections still cost",
            )
        )
        cache = str(self.work / "rerun-cache")
        run(probe("rerun", host, cache), self.env)  # fills the static result cache
        pc, floor, load = self.pair(probe("rerun", host, cache), probe("parse", host))
        self.add(
            Row(
                f"static pass rerun, nothing changed, N={self.n:,} (result cache)",
                pc,
                floor,
                "`ast.parse` of the same files:",
                load,
                "",
            )
        )

    def startup(self) -> None:
        pc, floor, load = self.pair(
            timed_command([sys.executable, "-m", "plugcheck", "--version"]),
            timed_command([sys.executable, "-c", "pass"]),
        )
        self.add(
            Row("start-up, `plugcheck --version`", pc, floor, "`python -c pass`:", load, "≤ 0.05 s")
        )

    def _mypy_cold(self, what: str, host: Path, before: str = "") -> Cost:
        # A fresh cache home and cache per round: nothing, not even the per-user seed, is warm.
        fresh = Path(tempfile.mkdtemp(dir=self.work, prefix="cold-"))
        env = dict(self.env, XDG_CACHE_HOME=str(fresh / "xdg"))
        try:
            return run(probe(what, host, before + str(fresh / "cache")), env)
        finally:
            shutil.rmtree(fresh, ignore_errors=True)

    def mypy(self) -> None:
        host = self.host(self.n)
        load = os.getloadavg()[0]
        # The mypy pass alone: with the static pass (a row of its own) the row measured both.
        mine, theirs = paired(
            lambda: self._mypy_cold("typedonly", host),
            lambda: self._mypy_cold("mypy", host),
            self.rounds,
        )
        self.add(
            Row(
                f"mypy pass cold (static pass off), no seed, N={self.n:,}",
                median_cpu(mine),
                median_cpu(theirs),
                "bare `mypy` cold:",
                load,
                "≤ 1.1x",
            )
        )
        ours_cache, bare_cache = self.work / "warm-pc", self.work / "warm-mypy"
        run(probe("typed", host, str(ours_cache)), self.env)
        run(probe("mypy", host, str(bare_cache)), self.env)
        pc, bare, load = self.pair(
            probe("typed", host, str(ours_cache)), probe("mypy", host, str(bare_cache))
        )
        self.add(
            Row(
                f"warm rerun, nothing changed, N={self.n:,} (static + mypy)",
                pc,
                bare,
                "bare `mypy` warm:",
                load,
                "≤ 1.5x",
            )
        )
        # One plugin edited before each run (either side sees one file changed since its last
        # run): what an author's edit-and-check loop costs (issue 18 item 2).
        edited = sorted((host / "plugins").rglob("*.py"))[0]

        def touched(argv: list[str]) -> Callable[[], Cost]:
            def edit_then_run() -> Cost:
                with edited.open("a", encoding="utf-8") as out:
                    out.write(f"# edited {time.time_ns()}\n")
                return run(argv, self.env)

            return edit_then_run

        load = os.getloadavg()[0]
        mine, theirs = paired(
            touched(probe("typed", host, str(ours_cache))),
            touched(probe("mypy", host, str(bare_cache))),
            self.rounds,
        )
        self.add(
            Row(
                f"rerun, one plugin edited, N={self.n:,} (static + mypy)",
                median_cpu(mine),
                median_cpu(theirs),
                "bare `mypy`, one edited:",
                load,
                "≤ 1.5x",
            )
        )

    def harness(self) -> None:
        host = self.host(self.n)
        mine, theirs, load = self.pair_costs(probe("harness", host, "1"), probe("forkfloor", host))
        pc, floor = median_cpu(mine), median_cpu(theirs)
        self.add(
            Row(
                "harness, per plugin (`--jobs 1`, static and mypy off)",
                pc / self.n * 1000,
                floor / self.n * 1000,
                "fork-from-preloaded-parent floor:",
                load,
                "≤ 2x",
                unit=" ms",
            )
        )
        # The gap the harness has to close is mostly the kernel's: copy-on-write faults in the
        # children, reaping, /proc. System time of the processes the probe waited for (the fork
        # server, its zygotes and every plugin process) against the floor's children.
        sys_ours = statistics.median((c.split or {}).get("kids_sys", 0.0) for c in mine)
        sys_floor = statistics.median((c.split or {}).get("kids_sys", 0.0) for c in theirs)
        self.add(
            Row(
                "harness, system time per plugin (server, zygotes, plugin processes)",
                sys_ours / self.n * 1000,
                sys_floor / self.n * 1000,
                "floor's children:",
                load,
                "≤ 2x",
                unit=" ms",
            )
        )
        faults = statistics.median(c.minflt for c in mine) / self.n
        floor_faults = statistics.median(c.minflt for c in theirs) / self.n
        self.add(
            Row(
                "harness, minor page faults per plugin (the run's processes)",
                faults,
                floor_faults,
                "floor:",
                load,
                "copy-on-write writes",
                unit="",
            )
        )

    def harness_cached(self) -> None:
        """The harness alone after a static run left its result cache (``plugcheck check``,
        then ``plugcheck harness``) against the same without it: the plugins' PC429 reading
        comes from their entries instead of their source."""
        host = self.host(self.n)
        cache = self.work / "harness-cache"
        run(probe("staticcache", host, str(cache)), self.env)  # not measured
        mine, theirs, load = self.pair_costs(
            probe("harnesscached", host, str(cache)), probe("harness", host, "1")
        )
        self.add(
            Row(
                "harness after a static run (its result cache), per plugin",
                median_cpu(mine) / self.n * 1000,
                median_cpu(theirs) / self.n * 1000,
                "no result cache:",
                load,
                "< 1x",
                unit=" ms",
            )
        )

    def jobs(self) -> None:
        host = self.host(self.n)
        load = os.getloadavg()[0]
        one, two = paired(
            lambda: run(probe("harness", host, "1"), self.env),
            lambda: run(probe("harness", host, "2"), self.env),
            self.rounds,
        )
        wall1 = statistics.median(c.wall for c in one)
        wall2 = statistics.median(c.wall for c in two)
        self.add(
            Row(
                f"harness wall, `--jobs 2`, N={self.n:,}",
                wall2,
                wall1,
                "`--jobs 1`:",
                load,
                "≥ 1.7x faster on an idle machine",
            )
        )
        # CPU beside it: a wall ratio near 1 with equal CPU is a machine with no core to spare
        # (the load average), one with more CPU is work that --jobs adds.
        self.add(
            Row(
                f"harness CPU, `--jobs 2`, N={self.n:,}",
                median_cpu(two),
                median_cpu(one),
                "`--jobs 1`:",
                os.getloadavg()[0],
                "≈ 1x (the same work)",
            )
        )

    def static_jobs(self) -> None:
        """The static pass with ``--jobs 2`` (two forked workers) against ``--jobs 1``: wall
        and CPU."""
        host = self.host(self.n)
        load = os.getloadavg()[0]
        one, two = paired(
            lambda: run(probe("static", host, "1"), self.env),
            lambda: run(probe("static", host, "2"), self.env),
            self.rounds,
        )
        for what, pick, unit in (("wall", "wall", "s"), ("CPU", "cpu", "s")):
            self.add(
                Row(
                    f"static pass {what}, `--jobs 2`, N={self.n:,}",
                    statistics.median(getattr(c, pick) for c in two),
                    statistics.median(getattr(c, pick) for c in one),
                    "`--jobs 1`:",
                    load,
                    "≥ 1.7x faster on an idle machine" if what == "wall" else "",
                    unit=unit,
                )
            )

    def full_jobs(self) -> None:
        """A cold full check with ``--jobs 2`` against ``--jobs 1``: wall, CPU and peak RSS
        (with more than one job, mypy's builds run beside the harness, and a pass's workers
        beside each other)."""
        host = self.host(self.n)
        load = os.getloadavg()[0]
        one, two = paired(
            lambda: self._mypy_cold("fullcold", host, "1,"),
            lambda: self._mypy_cold("fullcold", host, "2,"),
            self.rounds,
        )
        for what, pick, unit in (
            ("wall", "wall", "s"),
            ("CPU", "cpu", "s"),
            ("RSS", "rss", " MiB"),
        ):
            scale = 1 / 1024 if pick == "rss" else 1
            self.add(
                Row(
                    f"full check {what}, cold, `--jobs 2`, N={self.n:,}",
                    statistics.median(getattr(c, pick) for c in two) * scale,
                    statistics.median(getattr(c, pick) for c in one) * scale,
                    "`--jobs 1`:",
                    load,
                    "≥ 1.7x faster on an idle machine" if what == "wall" else "",
                    unit=unit,
                )
            )

    def growth(self, what: str, sizes: Sequence[int]) -> None:
        title = {
            "full": "full check (`--jobs 1`)",
            "static": "static pass",
            "typed": "static + mypy pass, cold",
        }[what]
        print(f"\n| N | {title}, CPU | per plugin | peak RSS | load avg |")
        print("|---|---|---|---|---|")
        for n in sizes:
            host = self.host(n)
            load = os.getloadavg()[0]
            if what == "typed":
                cost = self._mypy_cold("typed", host)
            else:
                cost = run(probe(what, host, "1"), self.env)
            print(
                f"| {n:,} | {cost.cpu:.2f} s | {cost.cpu / n * 1000:.2f} ms "
                f"| {cost.rss / 1024:.0f} MiB | {load:.1f} |",
                flush=True,
            )

    def harness_growth(self, sizes: Sequence[int]) -> None:
        """The harness alone (static pass and mypy off, ``--jobs 1``) per plugin at each size,
        user and system time apart for plugcheck's process and for its children (the fork
        server and the plugin processes), against the fork-from-preloaded-parent floor on the
        same fleet: kernel work per child that grows with the fleet shows in the system time."""
        print(
            "\n| N | harness, CPU per plugin | plugcheck user / sys | children user / sys "
            "| faults | fork floor | ratio | load avg |"
        )
        print("|---|---|---|---|---|---|---|---|")
        for n in sizes:
            host = self.host(n)
            load = os.getloadavg()[0]
            cost = run(probe("harness", host, "1"), self.env)
            floor = run(probe("forkfloor", host), self.env)
            part = {k: v / n * 1000 for k, v in (cost.split or {}).items()}
            ms = cost.cpu / n * 1000
            print(
                f"| {n:,} | {ms:.2f} ms | {part.get('own_user', 0):.2f} / "
                f"{part.get('own_sys', 0):.2f} ms | {part.get('kids_user', 0):.2f} / "
                f"{part.get('kids_sys', 0):.2f} ms | {cost.minflt / n:,.0f} "
                f"| {floor.cpu / n * 1000:.2f} ms | {cost.cpu / floor.cpu:.2f}x | {load:.1f} |",
                flush=True,
            )


ROWS = (
    "static",
    "startup",
    "mypy",
    "harness",
    "harness_cached",
    "jobs",
    "static_jobs",
    "full_jobs",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--growth", type=int, nargs="*", default=[1000, 3000], help="static")
    parser.add_argument(
        "--growth-typed", type=int, nargs="*", default=[1000], help="static + mypy, cold"
    )
    parser.add_argument("--growth-full", type=int, nargs="*", default=[1000])
    parser.add_argument(
        "--growth-harness", type=int, nargs="*", default=[1000], help="user and system apart"
    )
    parser.add_argument("--only", nargs="*", choices=ROWS, default=list(ROWS))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="plugcheck-bench-fleet-") as tmp:
        work = Path(tmp)
        # No mypy or plugcheck configuration is picked up from the cwd; an empty folder of its
        # own, since mypy looks for modules there: caches made beside it would change what the
        # mypy pass's result cache saw and make a warm rerun cold.
        (work / "cwd").mkdir()
        os.chdir(work / "cwd")
        bench = Bench(work, args.n, args.rounds)
        print(f"CPU medians of {args.rounds} paired rounds; {os.cpu_count()} CPUs\n")
        print("| what | plugcheck | baseline | ratio | goal | load avg |")
        print("|---|---|---|---|---|---|")
        for name in args.only:
            getattr(bench, name)()
        if args.growth:
            bench.growth("static", args.growth)
        if args.growth_typed:
            bench.growth("typed", args.growth_typed)
        if args.growth_full:
            bench.growth("full", args.growth_full)
        if args.growth_harness:
            bench.harness_growth(args.growth_harness)


if __name__ == "__main__":
    main()
