"""A plugin whose import fails inside another plugin: the host module it imports loads every
plugin when first imported (Datasette's ``datasette.plugins`` registers all installed plugins),
so one broken plugin breaks the import of every plugin that imports that module. The failure is
the broken plugin's: reported there (with PC422: the host cannot start with it), and the plugin
that only imported the host's registry was not checked (PC424, which fails the run, not an
error of its own)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_harness import host

from plugcheck import Options, check

pytestmark = pytest.mark.harness

_PLUGIN = """
{imports}

class P:
    def init(self, config): pass
    def run(self): pass
    def shutdown(self, timeout): pass

def new():
    return P()
"""
# The host's registry: importing it imports every plugin under plugins/ (as the host does).
_REGISTRY = """
import importlib
import sys
from pathlib import Path

_PLUGINS = Path(__file__).resolve().parents[2] / "plugins"
sys.path.insert(0, str(_PLUGINS))
LOADED = [importlib.import_module(p.stem) for p in sorted(_PLUGINS.glob("*.py"))]
"""


def _host(tmp_path: Path, broken: str) -> Path:
    root = host(
        tmp_path,
        {
            "broken.py": _PLUGIN.format(imports=broken),
            "uses_registry.py": _PLUGIN.format(imports="from hostapi import registry"),
        },
    )
    (root / "api" / "hostapi" / "registry.py").write_text(_REGISTRY)
    return root


def test_a_failure_inside_another_failing_plugin_is_that_plugins(tmp_path: Path) -> None:
    report = check(Options(paths=(_host(tmp_path, "import ghost_module_xyz"),), mypy=False))
    errors = {(f.plugin, f.code) for f in report.findings if f.severity.value == "error"}
    assert any(p == "broken" for p, _ in errors), errors
    assert ("broken", "PC422") in errors, errors
    assert [p for p, _ in errors if p == "uses_registry"] == [], report.findings
    (unchecked,) = [f for f in report.findings if f.plugin == "uses_registry"]
    assert unchecked.code == "PC424" and report.failed(), unchecked
    assert "No module named 'ghost_module_xyz' at broken.py:2" in unchecked.message
    assert "the host cannot start with broken installed" in unchecked.message


def test_the_same_failure_of_its_own_stays_its_own(tmp_path: Path) -> None:
    # Both plugins import the missing module themselves: each failure is its own.
    root = _host(tmp_path, "import ghost_module_xyz")
    (root / "plugins" / "uses_registry.py").write_text(
        _PLUGIN.format(imports="import ghost_module_xyz")
    )
    report = check(Options(paths=(root,), static=False, mypy=False))
    assert {(f.plugin, f.code) for f in report.findings} >= {
        ("broken", "PC401"),
        ("uses_registry", "PC401"),
    }
