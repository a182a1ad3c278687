"""Two plugcheck source trees give the same JSON report, byte for byte, on the same hosts.

python bench/same_report.py --before /tmp/base/src --after src
python bench/same_report.py --before A --after B --n 1000 --families classic fresh14

The check for an optimisation that must not change what plugcheck says: each source tree
(``PYTHONPATH``) runs ``plugcheck check HOST --output-format json --no-cache`` from the host's
directory on the same files, and the two outputs (and exit codes) are compared whole. Hosts:
the showcase (testdata/showcase, copied: a full check, harness included), the bench fleet of
``--n`` plugins (bench/generate.py; static pass alone, no mypy), and the hosts of each
differential family (tests/differential; static pass with mypy, ``--no-dynamic``; ``--full``:
a full check everywhere, for what the harness's results change). The JSON
report holds no timings, so nothing is left out of the comparison. Exit status 1 when any
host differs (the first differing line is printed)."""

from __future__ import annotations

import argparse
import difflib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TREE = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(TREE / "tests"))
from generate import generate  # noqa: E402 (bench/ is not a package)

STATIC = ("--no-dynamic", "--no-mypy")


def hosts(work: Path, n: int, families: list[str], seed: int, count: int) -> dict[str, tuple]:
    """Name -> (host directory, extra arguments), made once under ``work``."""
    made: dict[str, tuple] = {}
    showcase = work / "showcase"
    if not showcase.exists():
        shutil.copytree(TREE / "testdata" / "showcase", showcase)
    made["showcase"] = (showcase, ())
    if n:
        fleet = work / f"fleet-{n}"
        if not fleet.exists():
            generate(n, fleet)
        made[f"fleet-{n}"] = (fleet, STATIC)
    if families:
        from differential import compare
        from differential import generate as variants_host

        for family in families:
            source = compare.FAMILIES[family]
            for host, (kind, _contract, _mode) in compare.HOSTS.items():
                make = getattr(source, f"{kind}_variants", None)  # not every family has each
                variants = make(seed, count) if make is not None else []
                if not variants:
                    continue
                where = work / f"{family}-{host}"
                if not where.exists():
                    variants_host.write_host(where, host, variants)
                made[f"{family}-{host}"] = (where, ("--no-dynamic",))
    return made


def report(src: Path, host: Path, args: tuple[str, ...], cache: Path) -> tuple[int, str]:
    proc = subprocess.run(
        [
            *(sys.executable, "-m", "plugcheck", "check", str(host)),
            *("--output-format", "json", "--no-progress", "--no-cache", *args),
        ],
        capture_output=True,
        text=True,
        cwd=host,
        env={
            **os.environ,
            "PYTHONPATH": str(src.resolve()),
            "XDG_CACHE_HOME": str(cache),
            "NO_COLOR": "1",
        },
        timeout=3600,
        check=False,
    )
    try:
        json.loads(proc.stdout)
    except json.JSONDecodeError:
        raise SystemExit(f"{host}: no JSON report from {src}:\n{proc.stderr[-2000:]}") from None
    return proc.returncode, proc.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", type=Path, required=True, help="a plugcheck src/ folder")
    parser.add_argument("--after", type=Path, required=True, help="another one")
    parser.add_argument("--work", type=Path, default=Path("/tmp/plugcheck-same-report"))
    parser.add_argument("--n", type=int, default=1000, help="bench fleet size (0: none)")
    parser.add_argument("--families", nargs="*", default=["classic", "fresh14"])
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--count", type=int, default=330)
    parser.add_argument("--only", nargs="*", default=None, help="host names to run")
    parser.add_argument("--full", action="store_true", help="every host with the harness")
    options = parser.parse_args()
    options.work.mkdir(parents=True, exist_ok=True)
    made = hosts(options.work, options.n, options.families, options.seed, options.count)
    differ = 0
    for name, (host, args) in made.items():
        if options.only is not None and name not in options.only:
            continue
        args = () if options.full else args
        runs = [
            report(src, host, args, options.work / f"xdg-{side}")
            for side, src in (("before", options.before), ("after", options.after))
        ]
        (code_a, text_a), (code_b, text_b) = runs
        findings = len(json.loads(text_a).get("findings", []))
        if code_a == code_b and text_a == text_b:
            print(f"same   {name}: exit {code_a}, {findings} findings, {len(text_a)} bytes")
            continue
        differ += 1
        diff = difflib.unified_diff(text_a.splitlines(), text_b.splitlines(), lineterm="", n=1)
        print(f"DIFFER {name}: exit {code_a} / {code_b}\n" + "\n".join(list(diff)[:40]))
    raise SystemExit(1 if differ else 0)


if __name__ == "__main__":
    main()
