"""`plugcheck init` proposes `setup-function.accepted-by` (issue 14): asdf's
`_list_entry_points(group, proxy_class)` calls each entry point's function and builds
`proxy_class(element, ...)` from each element it returns, its callers binding the class per
group. init follows that parameter to the class and proposes it with `accepted-each`, only when
the class is built from the element alone (the harness passes nothing else)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli, write_host

pytestmark = pytest.mark.harness

ASDF_SHAPE = {
    "src/astro/__init__.py": "",
    "src/astro/proxies.py": """\
        class ExtensionProxy:
            def __init__(self, delegate, package_name=None, package_version=None):
                self.delegate = delegate


        class MappingProxy:
            def __init__(self, delegate, package_name, *, strict=False):
                self.delegate = delegate
        """,
    "src/astro/_entry_points.py": """\
        import warnings
        from importlib.metadata import entry_points

        from .proxies import ExtensionProxy, MappingProxy

        EXTENSIONS_GROUP = "astro.extensions"
        MAPPINGS_GROUP = "astro.mappings"


        def get_extensions():
            return _list_entry_points(EXTENSIONS_GROUP, ExtensionProxy)


        def get_mappings():
            return _list_entry_points(MAPPINGS_GROUP, MappingProxy)


        def _list_entry_points(group, proxy_class):
            results = []
            for entry_point in entry_points(group=group):
                try:
                    elements = entry_point.load()()
                except Exception as e:
                    warnings.warn(f"{group} plugin failed to load: {e}")
                    continue
                if not isinstance(elements, list):
                    elements = [elements]
                for element in elements:
                    try:
                        results.append(proxy_class(element, package_name=entry_point.dist.name))
                    except Exception as e:
                        warnings.warn(f"{group} plugin failed to load: {e}")
            return results
        """,
}


def test_init_follows_the_class_a_caller_binds_for_each_element(tmp_path: Path) -> None:
    host = write_host(tmp_path / "host", files=ASDF_SHAPE, dedent=True)
    proc = run_cli("init", str(host))
    assert proc.returncode == 0, proc.stderr
    extensions = proc.stdout.split("[tool.plugcheck.contracts.astro-extensions.setup-function]")
    assert len(extensions) == 2, proc.stdout
    table = extensions[1].split("\n\n")[0]
    assert 'accepted-by = "astro.proxies:ExtensionProxy"' in table, proc.stdout
    assert "(src/astro/_entry_points.py:11)" in table and "accepted-each = true" in table, table
    # MappingProxy needs package_name too, which the harness would not pass: not proposed.
    assert "MappingProxy" not in proc.stdout, proc.stdout
    # The mappings group reaches the same call through its parameter: its objects are called
    # too (asdf's resource_mappings), not left with no setup-function.
    mappings = proc.stdout.split("[tool.plugcheck.contracts.astro-mappings.setup-function]")
    assert len(mappings) == 2, proc.stdout
    assert 'export = "entry-point"  # host: src/astro/_entry_points.py:22' in mappings[1]
