"""Generate a synthetic host with N plugins (a realistic mix of good and broken) for benchmarks.

python bench/generate.py 1000 bench/out/host-1000
"""

from __future__ import annotations

import argparse
import random
import shutil
import textwrap
from pathlib import Path

API = '''\
"""Synthetic plugin API."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol, runtime_checkable

API_VERSION = "2.1"


@runtime_checkable
class Plugin(Protocol):
    def init(self, config: Mapping[str, str]) -> None: ...
    def run(self) -> None: ...
    def shutdown(self, timeout: float) -> None: ...


class Registry:
    def __init__(self) -> None:
        self._factories: dict[str, Factory] = {}

    def add(self, name: str, factory: Factory) -> None:
        if name in self._factories:
            raise ValueError(f"duplicate plugin {name}")
        self._factories[name] = factory


Factory = Callable[[], Plugin]
Register = Callable[[Registry], None]
'''

PYPROJECT = """\
[project]
name = "bench-host"
version = "1.0"

[tool.plugcheck]
search-path = ["api"]

[tool.plugcheck.contracts.bench]
kind = "factory"
api = "benchapi"
api-distribution = "benchapi"
paths = ["plugins/*"]
preload = ["logging"]  # the host has imported logging before it loads plugins (as probe's floor)

[tool.plugcheck.contracts.bench.exports]
new = "benchapi:Factory"
register = {{ versions = ["register_v2", "register_v1"], type = "benchapi:Register" }}

[tool.plugcheck.contracts.bench.lifecycle]
protocol = "benchapi:Plugin"
factory = "new"
config = {{ greeting = "hello" }}
deadline = {deadline}
"""

HEADER = '''\
"""{title} plugin: {words}."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from benchapi import Plugin, Registry

logger = logging.getLogger(__name__)
'''

HELPER = '''

def {name}(values: list[int], factor: int = {n}) -> list[int]:
    """Scale and filter values ({n})."""
    result: list[int] = []
    for value in values:
        if value % {m} == 0:
            continue
        result.append(value * factor)
    return result
'''

CLASS = '''

class {cls}:
    """Implements the lifecycle."""

    def __init__(self) -> None:
        self.config: dict[str, str] = {{}}
        self.running = False

    def init(self, config: Mapping[str, str]) -> None:
        self.config = dict(config)

    def run(self) -> None:
        self.running = True
        logger.debug("run %s", {helper}([1, 2, 3]))

    def shutdown(self, timeout: float) -> None:
        self.running = False
'''

FOOTER = {
    "good": """

def new() -> Plugin:
    return {cls}()


def register_v2(registry: Registry) -> None:
    registry.add("{name}", new)
""",
    "missing": """

def register_v2(registry: Registry) -> None:
    registry.add("{name}", {cls})
""",
    "wrong-kind": """

new = 3


def register_v2(registry: Registry) -> None:
    registry.add("{name}", {cls})
""",
    "old-register": """

def new() -> Plugin:
    return {cls}()


def register_v1(registry: Registry) -> None:
    registry.add("{name}", new)
""",
    "import-work": """

print("loading {name}")


def new() -> Plugin:
    return {cls}()


def register_v2(registry: Registry) -> None:
    registry.add("{name}", new)
""",
}
MIX = ["good"] * 14 + ["missing", "wrong-kind", "old-register", "import-work"]
WORDS = [
    "alpha",
    "beta",
    "gamma",
    "delta",
    "ledger",
    "report",
    "mail",
    "queue",
    "cache",
    "index",
    "audit",
    "sync",
]


def plugin_source(rng: random.Random, index: int, flavour: str) -> str:
    name = f"plugin_{index:04d}"
    cls = f"Plugin{index:04d}"
    parts = [HEADER.format(title=name, words=" ".join(rng.sample(WORDS, 3)))]
    helpers = [f"helper_{i}" for i in range(rng.randint(1, 9))]
    for helper in helpers:
        parts.append(HELPER.format(name=helper, n=rng.randint(2, 9), m=rng.randint(2, 5)))
    parts.append(CLASS.format(cls=cls, helper=helpers[0]))
    parts.append(FOOTER[flavour].format(cls=cls, name=name))
    return "".join(parts)


def generate(n: int, out: Path, *, seed: int = 0, deadline: float = 5.0) -> Path:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "api" / "benchapi").mkdir(parents=True)
    (out / "api" / "benchapi" / "__init__.py").write_text(API)
    (out / "pyproject.toml").write_text(PYPROJECT.format(deadline=deadline))
    plugins = out / "plugins"
    plugins.mkdir()
    for index in range(n):
        flavour = MIX[index % len(MIX)] if index % 3 else "good"
        source = plugin_source(rng, index, flavour)
        name = f"plugin_{index:04d}"
        form = index % 3
        if form == 0:  # a single module
            (plugins / f"{name}.py").write_text(source)
        elif form == 1:  # a package
            (plugins / name).mkdir()
            (plugins / name / "__init__.py").write_text(source)
        else:  # a project with src/ layout
            project = plugins / f"{name}-project"
            (project / "src" / name).mkdir(parents=True)
            (project / "src" / name / "__init__.py").write_text(source)
            (project / "pyproject.toml").write_text(
                textwrap.dedent(
                    f"""\
                    [project]
                    name = "{name.replace("_", "-")}"
                    version = "1.0"
                    dependencies = ["benchapi>=2.1,<3"]
                    """
                )
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    generate(args.n, args.out, seed=args.seed)
    print(f"wrote {args.n} plugins to {args.out}")


if __name__ == "__main__":
    main()
