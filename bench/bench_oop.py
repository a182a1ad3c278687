"""Per-plugin cost of a conformance run for each out-of-process kind (exec, go-plugin, wasm).

python bench/bench_oop.py          # 8 plugins per kind, serial and parallel
python bench/bench_oop.py 16

Each kind's host is a copy of its good per-rule case (testdata/rules/PC603, PC622, PC646) with the
plugin duplicated N times; the time is the whole `plugcheck.check` call, best of 3.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from plugcheck import Options, check

RULES = Path(__file__).resolve().parents[1] / "testdata" / "rules"
KINDS = {
    # kind: (case, directory holding the plugin, plugin file name, copy name pattern)
    "exec": (RULES / "PC603" / "good", "bin", "hello-greet", "hello-greet{}"),
    "go-plugin": (RULES / "PC622" / "good", "bin", "hello", "hello{}"),
    "wasm": (RULES / "PC646" / "good", "modules", "double.wat", "double{}.wat"),
}


def host(kind: str, count: int, root: Path) -> Path:
    case, folder, name, pattern = KINDS[kind]
    target = root / f"{kind}-{count}"
    shutil.copytree(case, target)
    original = target / folder / name
    for number in range(1, count):
        shutil.copy2(original, target / folder / pattern.format(number))
    return target


def timed(options: Options, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        report = check(options)
        best = min(best, time.perf_counter() - start)
        assert not report.findings, [str(f) for f in report.findings]
    return best


def main(argv: list[str]) -> None:
    count = int(argv[0]) if argv else 8
    print("| kind | plugins | jobs | wall (s) | per plugin (ms) |")
    print("|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in KINDS:
            for plugins, jobs in ((1, 1), (count, 1), (count, None)):
                target = host(kind, plugins, Path(tmp) / f"j{jobs}")
                wall = timed(Options(paths=(target,), jobs=jobs))
                shown = "auto" if jobs is None else str(jobs)
                print(
                    f"| {kind} | {plugins} | {shown} | {wall:.2f} | {wall / plugins * 1000:.0f} |"
                )


if __name__ == "__main__":
    main(sys.argv[1:])
