"""Time `plugcheck impact` on the synthetic host of tests/impact_host.py against a plain check.

python bench/bench_impact.py             # 5 copies of the 20 plugins: N = 100, 3 rounds
python bench/bench_impact.py 10 3        # copies, rounds
python bench/bench_impact.py 5 3 carry   # and as many plugins of a second contract, whose API
                                         # is alike on both sides: the after side carries them

Goal (issue 17): the after side's check of N plugins costs at most 1.2x a plain check of the
same plugins in the same environment. Each round starts with an empty mypy cache (the plain
check's, and the impact run's: its before side fills it, its after side reuses it); the two
environments are built once, before the rounds (their build time is printed apart). Wall time
of each step (the harness's plugin processes run in parallel, so CPU time would hide
nothing and wall time is what a CI job waits for), median of the rounds, in alternating order,
with the 1-minute load average.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from impact_host import add_other_contract, make_host

from plugcheck import Options, check
from plugcheck.impact.run import ImpactOptions, impact


def main(copies: int, rounds: int, carry: bool) -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-impact-"))
    os.environ["XDG_CACHE_HOME"] = str(work / "home")
    host, wheelhouse = make_host(work, copies=copies)
    others = {f"other{n}": "pass" for n in range(20 * copies)}
    requirements = add_other_contract(host, wheelhouse, others) if carry else None
    base = Options(paths=(host,), progress=False)
    spec = ImpactOptions(
        before="synth-api==1.0",
        after="synth-api==2.0",
        check=base,
        requirements=requirements,
        find_links=(wheelhouse,),
        no_index=True,
    )
    started = time.perf_counter()
    first = impact(spec)
    build = first.seconds["environments"]
    kept = sum(why is None for why in first.carried.values())
    print(f"after side: {kept} of {len(first.carried)} plugins carried over from the before side")
    print(f"environments built in {build:.2f} s (first run: {time.perf_counter() - started:.2f} s)")
    after = first.sides[1].python
    plain: list[float] = []
    after_side: list[float] = []
    whole: list[float] = []
    for n in range(rounds):
        for which in ("plain", "impact") if n % 2 == 0 else ("impact", "plain"):
            os.environ["PLUGCHECK_CACHE_DIR"] = tempfile.mkdtemp(dir=work)
            if which == "plain":
                started = time.perf_counter()
                report = check(Options(paths=(host,), python=after, api_from_target=True))
                plain.append(time.perf_counter() - started)
                plugins = len(report.plugins)
            else:
                started = time.perf_counter()
                result = impact(spec)
                whole.append(time.perf_counter() - started)
                after_side.append(result.seconds["after"])
    load = os.getloadavg()[0]
    p, a, w = (statistics.median(x) for x in (plain, after_side, whole))
    print(f"N = {plugins} plugins, {rounds} rounds, load average {load:.1f}")
    print("| what | median wall time | ratio to the plain check | goal |")
    print("|---|---|---|---|")
    print(f"| plain check (after side's environment, empty mypy cache) | {p:.2f} s | 1.00x | |")
    print(f"| impact: after side's check | {a:.2f} s | {a / p:.2f}x | <= 1.2x |")
    print(f"| impact: whole run (both sides, API diff, delta) | {w:.2f} s | {w / p:.2f}x | |")


if __name__ == "__main__":
    numbers = [int(a) for a in sys.argv[1:] if a.isdigit()]
    copies, rounds = (numbers + [5, 3][len(numbers) :])[:2]
    main(copies, rounds, "carry" in sys.argv[1:])
