"""Cost of ``check --fix`` against the plain check, on the synthetic host with fixable findings.

python bench/bench_fix.py            # N = 1000 plugins, every 10th with a fixable finding
python bench/bench_fix.py 200 --mypy     # also with the mypy pass

About every tenth plugin with a factory gets an ``__all__`` that leaves out both required
exports (two PC103 findings each, safe fixes inserting at one place). Times the plain check and
``check --fix`` (which fixes, then re-checks the plugins it changed) on fresh copies of the
host, in CPU time of this process and its children (the machine may be shared) and wall time;
static passes only (``--no-dynamic``), without mypy (``--mypy``: also with it).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

from plugcheck.cli import main as cli

EVERY = 10


def host_with_fixable(n: int, out: Path) -> int:
    """The synthetic host, every EVERY-th plugin given an ``__all__`` without ``new``."""
    generate(n, out)
    count = 0
    for index, path in enumerate(sorted((out / "plugins").rglob("*.py"))):
        text = path.read_text()
        if index % EVERY or "def new()" not in text:
            continue
        listed = f'__all__ = ["{_cls(text)}"]\n\nlogger = logging'
        path.write_text(text.replace("logger = logging", listed, 1))
        count += 1
    return count


def _cls(text: str) -> str:
    return text.split("\nclass ", 1)[1].split(":", 1)[0]


def _cpu() -> float:
    """CPU time of this process and its finished children (mypy may run in one)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed(host: Path, *args: str) -> tuple[float, float, str]:
    start_cpu, start_wall = _cpu(), time.perf_counter()
    result = CliRunner().invoke(cli, ["check", str(host), "--no-dynamic", *args])
    last = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    return _cpu() - start_cpu, time.perf_counter() - start_wall, last


def main(n: int, with_mypy: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        fixable = host_with_fixable(n, base)
        print(f"{n} plugins, {fixable} of them leave new and register_v2 out of __all__ (PC103)")
        warm = Path(tmp) / "warm-up"
        shutil.copytree(base, warm)
        timed(warm, "--no-mypy")  # imports and the first parse of the API: not measured
        variants = [("no mypy", ["--no-mypy"]), ("with mypy", [])][: 2 if with_mypy else 1]
        for label, extra in variants:
            rows = []
            for mode, args in (("check", []), ("check --fix", ["--fix"])):
                work = Path(tmp) / f"{mode.replace(' ', '')}-{label.replace(' ', '')}"
                shutil.copytree(base, work)
                cpu, wall, last = timed(work, *extra, *args)
                rows.append((mode, cpu, wall, last))
            plain = rows[0]
            for mode, cpu, wall, last in rows:
                print(
                    f"  {label:<9} {mode:<12} cpu {cpu:6.2f} s  wall {wall:6.2f} s  "
                    f"x{cpu / plain[1]:.2f} cpu  {last}"
                )


if __name__ == "__main__":
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    main(int(numbers[0]) if numbers else 1000, "--mypy" in sys.argv)
