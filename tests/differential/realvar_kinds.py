"""realvar's mutation kinds per real host: ``(kind, entry-point attribute, source)``.

``{name}`` in a source is the variant's module name, ``{code}`` its entry point's name (flake8's
code prefix). Kinds named ``ok-*`` are healthy plugins (some with dead code that looks broken),
``bad-*`` the ways authors really break that host's plugins; the others look broken and are not
(the oracle, the host itself, says which).
"""

from __future__ import annotations

import textwrap


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
    (  # astroid 2 renamed AssName to AssignName: pylint never calls it
        "bad-visit-renamed-node",
        "",
        _pl(
            visit="""
    def visit_assname(self, node):
        self.add_message("realvar-seen", node=node, args=("{name}",))
"""
        ),
    ),
    (
        "bad-leave-misspelled",
        "",
        _pl(
            visit="""
    def leave_modules(self, node):
        self.add_message("realvar-seen", node=node, args=("{name}",))
"""
        ),
    ),
    (
        "bad-mixin-misspelled",
        "",
        _pl(
            pre="""
        class Seen:
            def visit_modul(self, node):
                self.add_message("realvar-seen", node=node, args=(type(self).__name__,))
        """,
            visit="",
        ).replace("class Checker(BaseChecker):", "class Checker(Seen, BaseChecker):"),
    ),
    (
        "ok-visit-alias",
        "",
        _pl(
            visit="""
    def visit_assname(self, node):
        self.add_message("realvar-seen", node=node, args=("{name}",))

    visit_assignname = visit_assname
"""
        ),
    ),
    (
        "ok-visit-helper",
        "",
        _pl(
            visit="""
    def visit_module(self, node):
        self.visit_anything(node)

    def visit_anything(self, node):
        self.add_message("realvar-seen", node=node, args=("{name}",))
"""
        ),
    ),
    (
        "ok-visit-default",
        "",
        _pl(
            visit="""
    def visit_default(self, node):
        if node.is_statement or node.parent is None:
            self.add_message("realvar-seen", node=node, args=("{name}",))
"""
        ),
    ),
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
    (  # `pytest -q` writes no header; plain `pytest` fails iterating the int (INTERNALERROR)
        "bad-report-header-int",
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

# ---------------------------------------------------------------- mkdocs

# MkDocs builds the class mkdocs.yml names (by entry point) after checking issubclass(cls,
# BasePlugin), validates its config_scheme, and calls its on_* events with keyword arguments
# during the build; an event's result replaces the item unless it is None.
_MK = """
from mkdocs.plugins import BasePlugin
{pre}

class Plugin(BasePlugin):
{members}
    def on_page_markdown(self, markdown, page, config, files):
{body}
"""
_MK_BODY = '        return markdown + "\\n\\nrealvar {name}\\n"'


def _mk(pre: str = "", members: str = "", body: str = _MK_BODY, head: str = "") -> str:
    text = _src(_MK).format(
        pre=_src(pre), members=textwrap.indent(_src(members), "    "), body=body, name="{name}"
    )
    return text.replace("class Plugin(BasePlugin):", head) if head else text


MKDOCS: list[tuple[str, str, str]] = [
    ("ok-basic", "Plugin", _mk()),
    (
        "ok-config-scheme",
        "Plugin",
        _mk(
            pre="from mkdocs.config import config_options\n",
            members="""
            config_scheme = (("suffix", config_options.Type(str, default="x")),)
            """,
        ),
    ),
    (
        "ok-typed-config",
        "Plugin",
        _mk(
            pre="""
            from mkdocs.config import base
            from mkdocs.config import config_options as c


            class _Config(base.Config):
                level = c.Type(int, default=1)
            """,
            head="class Plugin(BasePlugin[_Config]):",
        ),
    ),
    (
        "ok-on-config-returns-none",
        "Plugin",
        _mk(
            members="""
            def on_config(self, config):
                self.seen = config["site_name"]
            """
        ),
    ),
    (
        "ok-dead-removed-api",
        "Plugin",
        _mk(
            pre="""
            import mkdocs

            if mkdocs.__version__.startswith("0."):
                from mkdocs.utils import string_types  # MkDocs 0.x on Python 2
            """
        ),
    ),
    (
        "ok-optional-dep",
        "Plugin",
        _mk(
            pre="""
            try:
                import realvar_not_installed as minifier
            except ImportError:
                minifier = None
            """
        ),
    ),
    (
        "bad-not-subclass",
        "Plugin",
        _mk().replace("class Plugin(BasePlugin):", "class Plugin:"),
    ),
    (
        "bad-event-arity",
        "Plugin",
        _mk().replace(
            "on_page_markdown(self, markdown, page, config, files)",
            "on_page_markdown(self, markdown)",
        ),
    ),
    ("bad-event-returns-int", "Plugin", _mk(body="        return 42")),
    ("bad-removed-api", "Plugin", _mk(pre="from mkdocs.utils import string_types\n")),
    ("bad-missing-dep", "Plugin", _mk(pre="import realvar_not_installed\n")),
    (
        "bad-config-default-type",
        "Plugin",
        _mk(
            pre="from mkdocs.config import config_options\n",
            members="""
            config_scheme = (("level", config_options.Type(int, default="high")),)
            """,
        ),
    ),
    (
        "bad-raises-in-event",
        "Plugin",
        _mk(
            members="""
            def on_config(self, config):
                return config["realvar_theme_options"]
            """
        ),
    ),
    ("bad-entry-point-attribute", "Plugn", _mk()),
]

KINDS = {"flake8": FLAKE8, "pylint": PYLINT, "pytest": PYTEST, "mkdocs": MKDOCS}
