"""Family ``realvar``: plugin variants for real hosts (flake8, pylint, pytest), judged by the host.

Each variant is a small installed plugin project: its module (or package) and a ``.dist-info``
with its entry point, written into a folder of its own and put on ``PYTHONPATH`` (no pip: the
hosts' venvs are the slow suite's cached ones, shared and never written). The mutations are the
ways real authors break these hosts' plugins: a signature the host does not call, a missing
member, a wrong return shape, an API this host version removed, raising at import or in the
call, a misspelled hook, an argument the hook does not have, a missing dependency; about half
are healthy plugins, some of them with dead code that looks broken but never runs.

The oracle (``ORACLE``, run in the host's venv) imports the host once, then forks per variant
and runs the host's own code with only that variant's folder added to ``sys.path``: flake8's
``Application`` on a file, pylint's ``Run`` with ``--load-plugins``, ``pytest.main`` with
``-p`` (``--co``, then one test that uses the plugin's fixture). A start-up failure is
``refused``; a failure while the host uses the plugin, or the plugin's effect missing from the
host's output (its flake8 code, its pylint message, its fixture's value), is ``broken``. Every
failure counts as a positive (``compare.EVERY_FAILURE``). plugcheck checks the same folders with
the shipped contract (``examples/contracts/<host>.toml``), static and static + dynamic.
"""

from __future__ import annotations

import os
import random
import textwrap
from dataclasses import dataclass
from pathlib import Path

from differential import compare
from differential.generate import Variant

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class RealHost:
    contract_file: str
    """Under examples/contracts/."""
    contract: str
    """The contract's name in that file (the report's ``contract``)."""
    group: str | None
    """The entry-point group; None: plugins are passed as paths (pylint)."""


HOSTS = {
    "flake8": RealHost("flake8.toml", "flake8-extensions", "flake8.extension"),
    "pylint": RealHost("pylint.toml", "pylint-plugins", None),
    "pytest": RealHost("pytest.toml", "pytest-plugins", "pytest11"),
}


def _src(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


# ---------------------------------------------------------------- flake8

# (kind, healthy-looking?, entry-point attribute, source); {code} is the entry point's name,
# {name} the module's. flake8 gives a checker class keyword arguments named by its __init__'s
# parameters and iterates run() as (line, col, text, type) tuples.
_F8_CLASS = """
import ast

{pre}
class Checker:
    name = "{name}"
    version = "1.0"
{members}
    def __init__(self, tree{params}):
        self.tree = tree

    def run(self):
{run}
"""
_F8_RUN = '        yield 1, 0, "{code} realvar {name}", type(self)'


def _f8(pre: str = "", members: str = "", params: str = "", run: str = _F8_RUN) -> str:
    return _src(_F8_CLASS).format(
        pre=_src(pre),
        members=textwrap.indent(_src(members), "    "),
        params=params,
        run=run,
        code="{code}",
        name="{name}",
    )


FLAKE8: list[tuple[str, str, str]] = [
    ("ok-class", "Checker", _f8()),
    (
        "ok-no-name-version",
        "Checker",
        _src("""
        class Checker:
            def __init__(self, tree):
                self.tree = tree

            def run(self):
                yield 1, 0, "{code} realvar {name}", type(self)
        """),
    ),
    (
        "ok-logical-line",
        "check",
        _src("""
        def check(logical_line, line_number):
            if line_number == 1:
                yield 0, "{code} realvar {name}"
        """),
    ),
    (
        "ok-options",
        "Checker",
        _f8(
            members="""
        flag = False

        @classmethod
        def add_options(cls, parser):
            parser.add_option("--{name}-flag", action="store_true", parse_from_config=True)

        @classmethod
        def parse_options(cls, options):
            cls.flag = getattr(options, "{name}_flag")
        """
        ),
    ),
    ("ok-filename-lines", "Checker", _f8(params=", filename, lines")),
    (
        "ok-dead-removed-api",
        "Checker",
        _f8(
            pre="""
        import sys

        if sys.version_info < (3, 0):
            from flake8.engine import pep8  # flake8 2: never imported on Python 3
        """
        ),
    ),
    (
        "ok-optional-dep",
        "Checker",
        _f8(
            pre="""
        try:
            import realvar_not_installed as accel
        except ImportError:
            accel = None
        """
        ),
    ),
    (
        "ok-unused-legacy-method",
        "Checker",
        _f8(
            members="""
        def legacy(self):
            from flake8.engine import pep8  # only flake8 2 called this

            return pep8
        """
        ),
    ),
    ("bad-unknown-parameter", "Checker", _f8(params=", config")),
    ("bad-run-returns-list-of-pairs", "Checker", _f8(run='        return [(1, "{code} x")]')),
    ("bad-run-returns-none", "Checker", _f8(run="        self.seen = True")),
    (
        "bad-no-run",
        "Checker",
        _src("""
        class Checker:
            name = "{name}"
            version = "1.0"

            def __init__(self, tree):
                self.tree = tree

            def check(self):
                yield 1, 0, "{code} realvar {name}", type(self)
        """),
    ),
    ("bad-removed-api", "Checker", _f8(pre="from flake8.engine import pep8\n")),
    (
        "bad-version-assert",
        "Checker",
        _f8(
            pre="""
        import flake8

        assert int(flake8.__version__.split(".")[0]) < 6, "needs flake8<6"
        """
        ),
    ),
    ("bad-raises-in-run", "Checker", _f8(run="        yield self.tree.body[1].names[0].name")),
    ("bad-missing-dep", "Checker", _f8(pre="import realvar_not_installed\n")),
    ("bad-entry-point-attribute", "Checkr", _f8()),
    ("bad-entry-point-name", "Checker", _f8()),
]


# ---------------------------------------------------------------- pylint

_PL_HEAD = """
from pylint.checkers import BaseChecker
{pre}

class Checker(BaseChecker):
    name = "{name}"
    msgs = {{"W9901": ("realvar %s", "realvar-seen", "Seen by the realvar plugin.")}}
{members}
{visit}
"""
_PL_VISIT = """
    def visit_module(self, node):
        self.add_message("realvar-seen", node=node, args=("{name}",))
"""
_PL_REGISTER = """

def register(linter):
    linter.register_checker(Checker(linter))
"""


def _pl(pre: str = "", members: str = "", visit: str = _PL_VISIT, tail: str = _PL_REGISTER) -> str:
    return (
        _src(_PL_HEAD).format(
            pre=_src(pre),
            members=textwrap.indent(_src(members), "    "),
            visit=visit.strip("\n"),
            name="{name}",
        )
        + tail
    )


PYLINT: list[tuple[str, str, str]] = [
    ("ok-basic", "", _pl()),
    (
        "ok-options",
        "",
        _pl(
            members="""
        options = (
            ("{name}-strict", {"default": False, "type": "yn", "metavar": "<y or n>",
                                "help": "Be strict."}),
        )
        """
        ),
    ),
    (
        "ok-leave",
        "",
        _pl(
            visit="""
    def leave_module(self, node):
        self.add_message("realvar-seen", node=node, args=("{name}",))
"""
        ),
    ),
    (
        "ok-type-checking",
        "",
        _pl(
            pre="""
        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            from pylint.lint import PyLinter
        """,
            tail="""

def register(linter: "PyLinter") -> None:
    linter.register_checker(Checker(linter))
""",
        ),
    ),
    (
        "ok-dead-removed-api",
        "",
        _pl(
            pre="""
        import pylint

        if pylint.__version__.startswith("1."):
            from pylint.interfaces import IAstroidChecker  # pylint 1 only
        """
        ),
    ),
    (
        "ok-optional-dep",
        "",
        _pl(
            pre="""
        try:
            import realvar_not_installed as extra
        except ImportError:
            extra = None
        """
        ),
    ),
    (
        "ok-transform",
        "",
        _pl(
            pre="""
        import astroid


        def _transform(node):
            return node


        astroid.MANAGER.register_transform(astroid.nodes.Module, _transform)
        """
        ),
    ),
    (
        "bad-no-register",
        "",
        _pl(
            tail="""

def register_plugin(linter):
    linter.register_checker(Checker(linter))
"""
        ),
    ),
    (
        "bad-register-arity",
        "",
        _pl(
            tail="""

def register(linter, config):
    linter.register_checker(Checker(linter))
"""
        ),
    ),
    ("bad-removed-api", "", _pl(pre="from pylint.interfaces import IAstroidChecker\n")),
    (
        "bad-message-id",
        "",
        _pl(
            members="""
        msgs = {"X9901": ("realvar %s", "realvar-seen", "Seen by the realvar plugin.")}
        """
        ),
    ),
    (
        "bad-visit-arity",
        "",
        _pl(
            visit="""
    def visit_module(self):
        self.add_message("realvar-seen", args=("{name}",))
"""
        ),
    ),
    (
        "bad-visit-misspelled",
        "",
        _pl(
            visit="""
    def visit_modul(self, node):
        self.add_message("realvar-seen", node=node, args=("{name}",))
"""
        ),
    ),
    (
        "bad-unknown-message",
        "",
        _pl(
            visit="""
    def visit_module(self, node):
        self.add_message("realvar-sen", node=node, args=("{name}",))
"""
        ),
    ),
    (
        "bad-raises-in-visit",
        "",
        _pl(
            visit="""
    def visit_module(self, node):
        self.add_message("realvar-seen", node=node.body[0].targets, args=("{name}",))
"""
        ),
    ),
    ("bad-missing-dep", "", _pl(pre="import realvar_not_installed\n")),
    (
        "bad-registers-class",
        "",
        _pl(
            tail="""

def register(linter):
    linter.register_checker(Checker)
"""
        ),
    ),
]


# ---------------------------------------------------------------- pytest

_PT = """
import pytest
{pre}

def pytest_configure(config):
    config.realvar = 42


@pytest.fixture
def realvar_value(request):
    return getattr(request.config, "realvar", 0)
{more}
"""


def _pt(pre: str = "", more: str = "") -> str:
    return _src(_PT).format(pre=_src(pre), more=_src(more) and "\n\n" + _src(more))


PYTEST: list[tuple[str, str, str]] = [
    ("ok-basic", "", _pt()),
    (
        "ok-addoption",
        "",
        _pt(
            more="""
        def pytest_addoption(parser):
            parser.addoption("--{name}-flag", action="store_true", help="realvar")
        """
        ),
    ),
    (
        "ok-wrapper",
        "",
        _pt(
            more="""
        @pytest.hookimpl(wrapper=True)
        def pytest_collection_modifyitems(items):
            result = yield
            items.sort(key=lambda item: item.name)
            return result
        """
        ),
    ),
    (
        "ok-optional-hook",
        "",
        _pt(
            more="""
        @pytest.hookimpl(optionalhook=True)
        def pytest_xdist_setupnodes(config, specs):
            pass
        """
        ),
    ),
    (
        "ok-dead-legacy-hook",
        "",
        _pt(
            pre="""
        import sys

        if sys.version_info < (3, 0):
            def pytest_collect_file(path, parent):  # pytest 4 on Python 2
                return None
        """
        ),
    ),
    (
        "ok-subset-arguments",
        "",
        _pt(
            more="""
        def pytest_report_header(config):
            return ["realvar {name}"]
        """
        ),
    ),
    (
        "ok-private-helper",
        "",
        _pt(
            more="""
        def _pytest_helper(item, extra):
            return item
        """
        ),
    ),
    (
        "bad-misspelled-hook",
        "",
        _pt(
            more="""
        def pytest_colect_file(file_path, parent):
            return None
        """
        ),
    ),
    (
        "bad-unknown-argument",
        "",
        _pt(
            more="""
        def pytest_collection_modifyitems(session, config, items, extra):
            pass
        """
        ),
    ),
    (
        "bad-removed-argument",
        "",
        _pt(
            more="""
        def pytest_collect_file(path, parent):
            return None
        """
        ),
    ),
    (
        "bad-option-clash",
        "",
        _pt(
            more="""
        def pytest_addoption(parser):
            parser.addoption("--strict-markers", action="store_true")
        """
        ),
    ),
    ("old-api-still-there", "", _pt(pre="from pytest import yield_fixture\n")),
    ("bad-removed-api", "", _pt(pre="from _pytest.python import Instance\n")),
    (
        "report-header-int",
        "",
        _pt(
            more="""
        def pytest_report_header(config):
            return 42
        """
        ),
    ),
    (
        "bad-raises-in-hook",
        "",
        _pt(
            more="""
        def pytest_collection_modifyitems(items):
            items[0].realvar_marker.append("x")
        """
        ),
    ),
    (
        "bad-old-wrapper-protocol",
        "",
        _pt(
            more="""
        @pytest.hookimpl(wrapper=True)
        def pytest_collection_modifyitems(items):
            outcome = yield
            outcome.get_result()
        """
        ),
    ),
    ("bad-missing-dep", "", _pt(pre="import realvar_not_installed\n")),
    (
        "bad-fixture-raises",
        "",
        _pt(
            more="""
        @pytest.fixture(autouse=True)
        def _realvar_check(request):
            raise RuntimeError(request.config.getoption("--realvar-level"))
        """
        ),
    ),
]

KINDS = {"flake8": FLAKE8, "pylint": PYLINT, "pytest": PYTEST}


# ---------------------------------------------------------------- writing


def variants(
    host: str, seed: int = 23, count: int | None = None, kinds: tuple[str, ...] = ()
) -> list[Variant]:
    """``count`` variants for ``host`` drawn with ``seed``; default: each kind once, or only
    ``kinds``, in that order."""
    known = KINDS[host]
    rng = random.Random(f"{host}-{seed}")
    if kinds:
        picked = [next(k for k in known if k[0] == kind) for kind in kinds]
    else:
        picked = list(known) if count is None else [rng.choice(known) for _ in range(count)]
    out = []
    for number, (kind, attribute, source) in enumerate(picked):
        name = f"rv_{host}_{number:03d}"
        code = f"RV{number}"
        text = source.replace("{name}", name).replace("{code}", code)
        if kind == "bad-entry-point-name":
            code = f"rv-{number}"
        group = HOSTS[host].group
        files = {f"{name}.py": text}
        if group:
            target = f"{name}:{attribute}" if attribute else name
            files[f"{name}-1.0.dist-info/entry_points.txt"] = (
                f"[{group}]\n{code if host == 'flake8' else name} = {target}\n"
            )
        requires = {"flake8": "flake8>=5", "pylint": "pylint>=3", "pytest": "pytest>=8"}[host]
        files[f"{name}-1.0.dist-info/METADATA"] = (
            f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\nRequires-Dist: {requires}\n"
        )
        traits = ("healthy-looking",) if kind.startswith("ok-") else ()
        out.append(Variant(name, host, kind, traits, files))
    return out


def write(root: Path, found: list[Variant]) -> list[Path]:
    """Each variant in a folder of its own under ``root``; its folders (for ``PYTHONPATH``)."""
    folders = []
    for variant in found:
        folder = root / variant.name
        for rel, text in variant.files.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        record = folder / f"{variant.name}-1.0.dist-info" / "RECORD"
        record.write_text("".join(f"{rel},,\n" for rel in variant.files), encoding="utf-8")
        folders.append(folder)
    return folders


# ---------------------------------------------------------------- the oracle

ORACLE = Path(__file__).with_name("realvar_oracle.py")


def oracle(python: Path, host: str, root: Path, found: list[Variant]) -> dict[str, dict[str, str]]:
    return compare.oracle(root, host, found, (str(python), "-I", str(ORACLE)))


def plugcheck(
    python: Path, host: str, root: Path, folders: list[Path], args: tuple[str, ...]
) -> tuple[int, dict[str, object], str]:
    """``plugcheck check`` with the shipped contract in ``python``'s environment, the variants'
    folders on its ``PYTHONPATH``. Each variant's module by path: only the variants are checked
    (not the venv's other plugins), entry-point plugins still as entry points."""
    config = ROOT / "examples" / "contracts" / HOSTS[host].contract_file
    return compare.plugcheck(
        root,
        ("--config", str(config), "--python", str(python), *args),
        paths=tuple(f / f"{f.name}.py" for f in folders),
        env={"PYTHONPATH": os.pathsep.join(map(str, folders))},
    )


def differential(
    root: Path,
    pythons: dict[str, Path],
    seed: int = 23,
    count: int | None = None,
    runs: tuple[str, ...] = tuple(compare.RUNS),
    sample: dict[str, tuple[str, ...]] | None = None,
) -> list[compare.Result]:
    """Per host in ``pythons`` (host -> its venv's python): write, judge, check, score.
    ``sample``: host -> the kinds to write (one variant each) instead of ``count``."""
    results = []
    for host, python in pythons.items():
        found = variants(host, seed, count, (sample or {}).get(host, ()))
        where = root / host
        folders = write(where, found)
        answers = oracle(python, host, where, found)
        for run in runs:
            code, data, stderr = plugcheck(python, host, where, folders, compare.RUNS[run])
            result = compare.Result(
                host,
                run,
                compare._rows(found, answers, data, HOSTS[host].contract),
                code,
                dict(data.get("summary", {})),  # type: ignore[call-overload]
                [str(n) for n in data.get("notes", [])],  # type: ignore[union-attr]
                list(data.get("errors", []))  # type: ignore[call-overload]
                or ([f"exit {code}: {stderr.strip()[-300:]}"] if code == 2 or not data else []),
            )
            results.append(result)
    return results
