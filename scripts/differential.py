"""Print the differential test's confusion matrices and every misclassified variant (issue 12).

    python scripts/differential.py                    # seed 12, 330 variants per contract
    python scripts/differential.py --seed 7 --count 100 --out /tmp/diff --limit 0
    python scripts/differential.py --family redteam     # the variants written after the tuning
    python scripts/differential.py --host factory --run static   # one host, static only
    python scripts/differential.py --family unseen      # pluggy as outsiders write it
    python scripts/differential.py --family wild        # both contracts, PyPI authors' idioms
    python scripts/differential.py --family fresh14 --seed 14   # both contracts, acc14's idioms
    python scripts/differential.py --family fresh15 --seed 15 --count 170 --explicit 0 \
        --host entry-function --host subclass     # entry functions and subclass contracts
    python scripts/differential.py --family fresh17 --seed 17 --count 120   # every host
    python scripts/differential.py --family fresh19 --seed 19 --count 100   # every host
    python scripts/differential.py --family fresh21 --seed 21 --count 100   # every host
    python scripts/differential.py --family fresh23 --seed 23 --count 100   # every host
    python scripts/differential.py --family realvar     # flake8, pylint, pytest themselves judge
    python scripts/differential.py --family fresh32 --seed 32 --count 100 --explicit 0 \
        --host setup-none --host setup-mapping --host setup-instance --host stage   # gen32's
    python scripts/differential.py --family fresh45 --seed 45 --count 96 --explicit 0 \
        --host pluggy-plain --host pluggy-pytest --host factory     # gen45's
    python scripts/differential.py --family fresh46 --seed 46 --count 96 --explicit 0 \
        --host pluggy-plain --host pluggy-pytest --host factory     # gen46's
    python scripts/differential.py --family fresh47 --seed 47 --count 96 --explicit 0 \
        --host pluggy-plain --host pluggy-pytest --host factory     # gen47's
    python scripts/differential.py --family fresh49 --seed 49 --count 96 --explicit 0 \
        --host pluggy-plain --host pluggy-pytest --host factory     # gen49's
    python scripts/differential.py --family fresh51 --seed 51 --count 96 --explicit 0 \
        --host pluggy-plain --host pluggy-pytest --host factory     # gen51's
    python scripts/differential.py --family fresh53 --seed 53 --count 96 --explicit 0 \
        --host pluggy-plain --host pluggy-pytest --host factory     # gen54's
    python scripts/differential.py --family fresh55 --seed 55 --count 96 --explicit 0 \
        --host pluggy-plain --host pluggy-pytest --host factory --host entry-function  # gen56's
    python scripts/differential.py --family fresh57 --seed 57 --count 96 --explicit 0 \
        --host pluggy-plain --host pluggy-pytest --host factory --host entry-function  # gen59's
    python scripts/differential.py --family fresh59 --seed 59 --count 96 --explicit 0 \
        --host pluggy-plain --host pluggy-pytest --host factory --host entry-function  # gen61's

Generates the hosts (pluggy with a plain and a pytest-style manager, factory + Protocol; for
``fresh15``, ``fresh17``, ``fresh19``, ``fresh21`` and ``fresh23`` an entry-function and a subclass
host; for ``fresh32`` three setup-function hosts and a stage host), runs the real loaders and
plugcheck (``--no-dynamic``, then static + dynamic) on them, and prints: the matrices per
contract and run, the summary table, the misclassified mutation kinds with counts, and each
misclassified variant with plugcheck's findings next to the oracle's verdict, grouped by
mutation kind (``--limit`` variants shown per kind; 0 for all). The generated hosts stay in
``--out`` for a closer look. ``realvar`` writes every kind once per real host (flake8, pylint,
pytest; ``--count`` draws that many instead) over the slow suite's cached venvs, built on first use,
and the hosts themselves judge them (``tests/differential/realvar.py``)."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from differential import compare, realvar  # live with the tests that assert on them


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--count", type=int, default=330, help="variants per contract kind")
    parser.add_argument("--out", type=Path, help="where the hosts go (default: a temporary dir)")
    parser.add_argument(
        "--explicit", type=int, default=20, help="variants per host also checked alone (by path)"
    )
    parser.add_argument(
        "--family",
        choices=sorted([*compare.FAMILIES, "realvar"]),
        default="classic",
        help="generator family",
    )
    parser.add_argument(
        "--host",
        action="append",
        choices=sorted([*compare.HOSTS, *realvar.HOSTS]),
        help="only this host (repeatable)",
    )
    parser.add_argument(
        "--run", action="append", choices=sorted(compare.RUNS), help="only this run (repeatable)"
    )
    parser.add_argument("--limit", type=int, default=3, help="variants shown per kind (0: all)")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="plugcheck-differential-"))
    shutil.rmtree(out, ignore_errors=True)
    os.environ.setdefault("XDG_CACHE_HOME", str(out / "xdg-cache"))
    start = time.perf_counter()
    if args.family == "realvar":
        from test_realvar import _pythons  # the slow suite's cached venvs

        pythons = {h: p for h, p in _pythons().items() if h in (args.host or realvar.HOSTS)}
        count = None if args.count == parser.get_default("count") else args.count
        runs = tuple(args.run or compare.RUNS)
        results = realvar.differential(out / "hosts", pythons, args.seed, count, runs)
    else:
        results = _synthetic(args, out)
    print(compare.matrices(results))
    print()
    print(compare.table(results))
    print()
    print("misclassified mutation kinds (host / run / outcome / kind: count):")
    for (host, run, outcome, kind), n in sorted(compare.by_kind(results).items()):
        print(f"  {host} / {run} / {outcome} / {kind}: {n}")
    print()
    print("misclassified per trait (misclassified/variants with the trait):")
    print(compare.by_trait(results))
    print()
    print(compare.details(results, limit=args.limit or 10**6))
    print(f"\n{time.perf_counter() - start:.0f} s; hosts in {out / 'hosts'}")
    return 0


def _synthetic(args: argparse.Namespace, out: Path) -> list[compare.Result]:
    return compare.differential(
        out / "hosts",
        args.seed,
        args.count,
        args.explicit,
        args.family,
        tuple(args.host or compare.HOSTS),
        tuple(args.run or compare.RUNS),
    )


if __name__ == "__main__":
    sys.exit(main())
