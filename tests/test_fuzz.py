"""Property-based: no configuration and no plugin file makes plugcheck raise; exit 0, 1 or 2."""

from __future__ import annotations

import datetime
import json
import math
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plugcheck import config
from plugcheck.cli import main
from plugcheck.kinds import available

from conftest import write_host

pytestmark = pytest.mark.harness


FAST = ("--no-dynamic", "--no-mypy")
QUICK = settings(
    max_examples=50,
    deadline=None,
    database=None,  # hermetic: no .hypothesis/ directory in the checkout
    suppress_health_check=[HealthCheck.too_slow],
)
# Strings a path, a type reference or a rule code is made of, and some that break them.
WORDS = st.sampled_from(
    [
        "",
        "plugins/*",
        "plugins/*.py",
        "api",
        "api:Factory",
        "a.b:C",
        "x:",
        "PC1",
        "PC101",
        "error",
        "warning",
        "factory",
        "..",
        "/",
        "/dev/null",
        "~",
        "\x00",
        "a" * 300,
        "a/" * 200,
        "\u202e",
        "*" * 50,
        "**/**/**",
    ]
)
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
SCALARS = st.one_of(
    WORDS,
    TEXT,
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.one_of(WORDS, TEXT), inner, max_size=4)
    ),
    max_leaves=12,
)


def toml(value: Any) -> str:
    """``value`` as a TOML value (inline tables and arrays)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml(v) for v in value) + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f"{toml(str(k))} = {toml(v)}" for k, v in value.items()) + "}"


def _run(host: Path) -> str:
    result = CliRunner().invoke(main, ["check", str(host), *FAST])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    return result.output


def _host(files: dict[str, str | bytes]) -> tempfile.TemporaryDirectory[str]:
    tmp = tempfile.TemporaryDirectory(prefix="plugcheck-fuzz-")
    write_host(Path(tmp.name), files=files)
    return tmp


def _document(top: dict[str, Any], contract: dict[str, Any]) -> str:
    tables = {**top, "contracts": {"c": contract}}
    return f"[tool]\nplugcheck = {toml(tables)}\n"


KINDS = available()

PLUGIN = {"plugins/a.py": "def new():\n    return 1\n", "api/api.py": "class Factory: ...\n"}


@QUICK
@given(
    kind=st.sampled_from(sorted(KINDS)),
    top=st.dictionaries(
        st.sampled_from(sorted(config._TOP_KEYS - {"contracts"})), VALUES, max_size=2
    ),
    keys=st.dictionaries(
        st.sampled_from(sorted({key for kind in KINDS.values() for key in kind.fields})),
        VALUES,
        max_size=3,
    ),
    lifecycle=st.dictionaries(st.sampled_from(sorted(config._LIFECYCLE_KEYS)), VALUES, max_size=3),
    exports=st.dictionaries(
        st.one_of(st.just("new"), TEXT),
        st.one_of(VALUES, st.dictionaries(st.sampled_from(sorted(config._EXPORT_KEYS)), VALUES)),
        max_size=2,
    ),
)
def test_any_contract_values_exit_cleanly(
    kind: str,
    top: dict[str, Any],
    keys: dict[str, Any],
    lifecycle: dict[str, Any],
    exports: dict[str, Any],
) -> None:
    contract = {"kind": kind, "paths": ["plugins/*"], "exports": exports, **keys}
    if lifecycle:
        contract["lifecycle"] = lifecycle
    with _host({"pyproject.toml": _document(top, contract), **PLUGIN}) as host:
        _run(Path(host))


@QUICK
@given(
    project=st.dictionaries(
        st.sampled_from(
            [
                "name",
                "version",
                "dependencies",
                "dynamic",
                "optional-dependencies",
                "entry-points",
                "requires-python",
                "scripts",
            ]
        ),
        VALUES,
        max_size=4,
    ),
    extra=VALUES,
)
def test_any_plugin_pyproject_exits_cleanly(project: dict[str, Any], extra: Any) -> None:
    host = _document(
        {"search-path": ["api"]},
        {"kind": "factory", "paths": ["plugins/*"], "api": "api", "api-distribution": "api"},
    )
    plugin = "[project]\n" + "".join(f"{toml(k)} = {toml(v)}\n" for k, v in project.items())
    plugin += f"[tool.other]\nx = {toml(extra)}\n"
    files = {
        "pyproject.toml": host,
        "plugins/p/pyproject.toml": plugin,
        "plugins/p/p/__init__.py": "def new():\n    return 1\n",
        "api/api.py": "class Factory: ...\n",
    }
    with _host(files) as root:
        _run(Path(root))


SNIPPETS = st.sampled_from(
    [
        "import os\n",
        "import api\n",
        "from api import Factory, missing\n",
        "from . import sibling\n",
        "from .. import up\n",
        "def new():\n    return 1\n",
        "def new(x, /, *a, k=lambda: 0, **kw) -> 'Nope[int]':\n    pass\n",
        "async def new():\n    await x\n",
        "class P(api.Factory, metaclass=type):\n    def init(self, config): ...\n",
        "new = 1\n",
        "new = lambda: (yield)\n",
        "__all__ = ['missing', 1]\n",
        "if False:\n    import nothere\n",
        "if TYPE_CHECKING:\n    from api import Factory\n",
        "try:\n    import x\nexcept ImportError:\n    x = None\n",
        "del new\n",
        "global g\n",
        "match x:\n    case {**rest}:\n        pass\n",
        "x: int = 'no'\n",
        "print('hi')\n",
        "open('/etc/passwd')\n",
        "sys.exit(3)\n",
        "(" * 300 + ")" * 300 + "\n",
        "[" * 120 + "]" * 120 + "\n",
        "x = " + "-" * 2000 + "1\n",
        "\x00\n",
        "\ufeffx = 1\n",
        "# -*- coding: latin-1 -*-\nx = '\xe9'\n",
        "# -*- coding: nope -*-\n",
        "    indented = 1\n",
        "def f(:\n",
    ]
)


@QUICK
@given(parts=st.lists(st.one_of(SNIPPETS, TEXT), max_size=6))
def test_any_plugin_source_exits_cleanly(parts: list[str]) -> None:
    files = {
        "pyproject.toml": _document({}, {"kind": "factory", "paths": ["plugins/*.py"]}),
        "plugins/p.py": "".join(parts),
    }
    with _host(files) as root:
        _run(Path(root))


@QUICK
@given(data=st.binary(max_size=400), package=st.booleans())
def test_any_plugin_bytes_exit_cleanly(data: bytes, package: bool) -> None:
    name = "plugins/p/__init__.py" if package else "plugins/p.py"
    files: dict[str, str | bytes] = {
        "pyproject.toml": _document({}, {"kind": "factory", "paths": ["plugins/*"]}),
        name: data,
    }
    with _host(files) as root:
        _run(Path(root))
