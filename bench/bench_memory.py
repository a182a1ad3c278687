"""Peak memory at fleet scale: plugcheck's static + mypy pass (cold) and, optionally, the full
check, against bare mypy cold on the same plugin files.

python bench/bench_memory.py                         # N = 1000 3000 10000, static + mypy
python bench/bench_memory.py --n 1000 3000 --full 3000
python bench/bench_memory.py --hosts /tmp/fleets     # reuse host-N folders made before
python bench/bench_memory.py --n --calls 1 100 1000  # one process, check() again and again

``--calls``: one process calls ``plugcheck.check()`` (static pass, no result cache) on a
``--calls-fleet``-plugin host again and again, as the Python API and pytest-xdist workers do;
the row gives its resident set (not its peak) after each of those many calls. Flat is right.

Each figure comes from bench/probe.py in a fresh process, with a fresh cache and cache home (no
per-user seed): ``peak`` is the larger of the probe's own peak resident set and the largest of
the processes it waited for (``ru_maxrss`` of RUSAGE_CHILDREN: mypy's build child, the harness's
fork server and plugin processes), ``own`` the probe's process alone. CPU is user + system of
the work, the waited-for processes included; the 1-minute load average is printed beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402 (bench/ is not a package)

PROBE = str(HERE / "probe.py")


def measure(what: str, host: Path, work: Path, arg: str | None = None) -> dict[str, float]:
    fresh = Path(tempfile.mkdtemp(dir=work, prefix="cold-"))
    env = dict(os.environ, XDG_CACHE_HOME=str(fresh / "xdg"), PYTHONHASHSEED="0")
    env.pop("PLUGCHECK_CACHE_DIR", None)
    argv = [sys.executable, PROBE, what, str(host), arg or str(fresh / "cache")]
    try:
        proc = subprocess.run(argv, capture_output=True, env=env, check=False)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    if proc.returncode != 0:
        raise SystemExit(
            f"{' '.join(argv)}: exit {proc.returncode}\n{proc.stderr.decode()[-2000:]}"
        )
    said: dict[str, float] = json.loads(proc.stdout.decode().strip().splitlines()[-1])
    return said


def row(n: int, what: str, said: dict[str, float], load: float) -> str:
    return (
        f"| {n:,} | {what} | {said['rss'] / 1024:.0f} MiB | {said['own_rss'] / 1024:.0f} MiB "
        f"| {said['cpu']:.1f} s | {said['cpu'] / n * 1000:.2f} ms | {load:.1f} | {said['said']} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, nargs="*", default=[1000, 3000, 10000])
    parser.add_argument("--full", type=int, nargs="*", default=[], help="full check at these N")
    parser.add_argument("--no-bare", action="store_true", help="skip bare mypy's rows")
    parser.add_argument("--hosts", type=Path, help="a folder for the generated hosts (kept)")
    parser.add_argument("--calls", type=int, nargs="*", default=[], help="RSS after these calls")
    parser.add_argument("--calls-fleet", type=int, default=20, help="plugins for --calls")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="plugcheck-bench-memory-") as tmp:
        work = Path(tmp)
        (work / "cwd").mkdir()
        os.chdir(work / "cwd")  # no mypy or plugcheck configuration from the cwd
        hosts = args.hosts or work
        print("| N | what | peak RSS | own process | CPU | per plugin | load | said |")
        print("|---|---|---|---|---|---|---|---|")
        for n in sorted({*args.n, *args.full}):
            host = hosts / f"host-{n}"
            if not host.exists():
                generate(n, host)
            runs = []
            if n in args.n:
                runs.append(("static + mypy, cold", "typed", None))
                if not args.no_bare:
                    runs.append(("bare mypy, cold", "mypy", None))
            if n in args.full:
                runs.append(("full check, cold, --jobs 1", "full", "1"))
            for title, what, arg in runs:
                load = os.getloadavg()[0]
                print(row(n, title, measure(what, host, work, arg), load), flush=True)
        if args.calls:
            n = args.calls_fleet
            host = hosts / f"host-{n}"
            if not host.exists():
                generate(n, host)
            load = os.getloadavg()[0]
            marks = ",".join(map(str, args.calls))
            said = measure("calls", host, work, marks)
            runs = n * max(args.calls)
            print(
                f"| {n:,} | {max(args.calls):,} check() calls, one process | "
                f"{said['rss'] / 1024:.0f} MiB | {said['own_rss'] / 1024:.0f} MiB | "
                f"{said['cpu']:.1f} s | {said['cpu'] / runs * 1000:.2f} ms | {load:.1f} | "
                f"RSS after {said['said']} |"
            )


if __name__ == "__main__":
    main()
