"""Cost of the API pinning (PC30x) and type identity (PC35x) rules in the static pass.

python bench/bench_pc3.py            # N = 100 and 1000
python bench/bench_pc3.py 100 1000 5000

Times the static pass (no mypy, no harness) over the synthetic host with all rules, without the
PC3xx family, and with only one PC3xx family; best of five runs each, in CPU time
(process_time: the machine may be shared).
"""

from __future__ import annotations

import dataclasses
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

from plugcheck import Options, check

OUT = Path(__file__).parent / "out"

VARIANTS = {
    "all": {},
    "no PC3xx": {"ignore": ("PC3",)},
    "only PC30x": {"select": ("PC30",)},
    "only PC35x": {"select": ("PC35",)},
}


def static(host: Path, **extra: object) -> Options:
    fields = {f.name for f in dataclasses.fields(Options)}
    off = {k: False for k in ("mypy", "dynamic") if k in fields}
    return Options(paths=(host,), **off, **extra)  # type: ignore[arg-type]


def best(options: Options, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        check(options)
        times.append(time.process_time() - start)
    return min(times)


def main(sizes: list[int]) -> None:
    print(f"{'N':>6} " + " ".join(f"{name:>11}" for name in VARIANTS) + f" {'PC3 share':>10}")
    for n in sizes:
        host = generate(n, OUT / f"host-{n}")
        times = {name: best(static(host, **extra)) for name, extra in VARIANTS.items()}
        share = (times["all"] - times["no PC3xx"]) / times["all"]
        print(f"{n:>6} " + " ".join(f"{t:>10.3f}s" for t in times.values()) + f" {share:>9.0%}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100, 1000])
