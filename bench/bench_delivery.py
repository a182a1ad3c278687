"""Time the delivery steps on a synthetic host: suppressions, shard selection, each renderer.

python bench/bench_delivery.py            # N = 1000
python bench/bench_delivery.py 100 1000

The static pass runs once per N (no mypy, no harness; suppressions included); each step is then
timed again on its report (best of 5): the suppression step re-applied to the final report, the
shard selection, every renderer. One plugin in ten gets a suppression comment.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

from plugcheck import Options, Report, check
from plugcheck.report import renderers
from plugcheck.shard import in_shard
from plugcheck.suppress import apply_suppressions

OUT = Path(__file__).parent / "out" / "delivery"


def best(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def annotate(host: Path) -> int:
    """Append a suppression comment to the first line of every tenth plugin module."""
    count = 0
    for index, path in enumerate(sorted((host / "plugins").rglob("__init__.py"))):
        if index % 10:
            continue
        lines = path.read_text().splitlines()
        code = "PC110" if index % 20 else "PC101"
        lines[0] += f"  # plugcheck: ignore[{code}]"
        path.write_text("\n".join(lines) + "\n")
        count += 1
    return count


def _suppress(report: Report, options: Options) -> None:
    apply_suppressions(replace(report, findings=list(report.findings)), options)


def measure(n: int, formats: list[str]) -> str:
    host = generate(n, OUT / str(n))
    comments = annotate(host)
    options = Options(paths=(host,), mypy=False, dynamic=False)
    start = time.perf_counter()
    report = check(options)
    total = time.perf_counter() - start
    sharded = replace(options, shard=(1, 4))
    row = (
        f"| {n:5d} | {len(report.findings):8d} | {comments:8d} | {total:12.3f} s |"
        f" {best(partial(_suppress, report, options)):10.3f} s |"
        f" {best(partial(in_shard, report.plugins, sharded)):7.4f} s |"
    )
    for name in formats:
        row += f" {best(partial(renderers()[name], report)):5.3f} s |"
    return row


def main(sizes: list[int]) -> None:
    os.environ["NO_COLOR"] = "1"
    formats = sorted(renderers())
    print("|     N | findings | comments | check (static) | suppressions | shard 1/4 |", end="")
    print("".join(f" {f:>7} |" for f in formats))
    print("|------:|---------:|---------:|---------------:|-------------:|----------:|", end="")
    print("--------:|" * len(formats))
    for n in sizes:
        print(measure(n, formats))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000])
