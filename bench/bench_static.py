"""Time plugcheck's static pass (no mypy, no harness) against bare parsers on the same files.

python bench/bench_static.py            # N = 100 and 1000
python bench/bench_static.py 100 1000 5000

Needs the bench extra (pip install -e ".[bench]") for the libcst baseline.
"""

from __future__ import annotations

import ast
import dataclasses
import sys
import time
from collections.abc import Callable
from pathlib import Path

import libcst

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

from plugcheck import Options, check

OUT = Path(__file__).parent / "out"


def timed(fn: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def static_options(host: Path) -> Options:
    """Options for the static pass alone, whichever later passes this version has."""
    fields = {f.name for f in dataclasses.fields(Options)}
    extra = {k: False for k in ("mypy", "dynamic") if k in fields}
    return Options(paths=(host,), **extra)  # type: ignore[arg-type]


def sources(host: Path) -> list[Path]:
    return sorted(p for p in (host / "plugins").rglob("*.py"))


def main(sizes: list[int]) -> None:
    rows = []
    for n in sizes:
        host = generate(n, OUT / f"host-{n}")
        files = sources(host)
        texts = [p.read_bytes() for p in files]
        lines = sum(t.count(b"\n") for t in texts)
        t_ast = timed(lambda texts=texts: [ast.parse(t) for t in texts])
        t_cst = timed(lambda texts=texts: [libcst.parse_module(t) for t in texts], repeat=1)
        report = check(static_options(host))
        t_pc = timed(lambda host=host: check(static_options(host)))
        rows.append((n, len(files), lines, t_ast, t_cst, t_pc, len(report.findings)))
    print(
        f"{'N':>6} {'files':>6} {'lines':>8} {'ast.parse':>10} {'libcst':>10} "
        f"{'plugcheck':>10} {'pc/ast':>7} {'cst/ast':>8} {'findings':>9}"
    )
    for n, nfiles, lines, t_ast, t_cst, t_pc, found in rows:
        print(
            f"{n:>6} {nfiles:>6} {lines:>8} {t_ast:>9.3f}s {t_cst:>9.3f}s {t_pc:>9.3f}s "
            f"{t_pc / t_ast:>6.2f}x {t_cst / t_ast:>7.1f}x {found:>9}"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000])
