"""`plugcheck init` follows what the host loads to where it calls it (issue 14): objects loaded
into a collection and called in a loop over it (setuptools' finalize hooks), and a module a
handler keeps on `self` and calls in another method (Sopel's `self._module.setup(bot)`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import cli_json, run_cli, write_host

pytestmark = pytest.mark.harness


def _proposal(host: Path) -> str:
    proc = run_cli("init", str(host))
    assert proc.returncode == 0, proc.stderr
    (host / "pyproject.toml").write_text(proc.stdout)
    return proc.stdout


def _errors(host: Path) -> set[tuple[str, str]]:
    data = cli_json("check", "--no-dynamic", cwd=host, env={"PYTHONPATH": str(host)})
    return {
        (f["plugin"], f["code"])
        for f in data["findings"]  # type: ignore[attr-defined]
        if f["severity"] == "error"
    }


def _plugin(dist: str, group: str, value: str, module: str, source: str) -> dict[str, str]:
    return {
        f"plugins/{dist}/pyproject.toml": f'[project]\nname = "{dist}"\nversion = "1.0"\n'
        f'[project.entry-points."{group}"]\n{dist} = "{value}"\n',
        f"plugins/{dist}/src/{module}/__init__.py": source,
    }


# setuptools 84's Distribution.finalize_options: every entry point of the group loaded into a
# generator, sorted by an attribute, each called with the Distribution itself.
FINALIZED = {
    "kiln/__init__.py": "",
    "kiln/dist.py": """\
        from importlib import metadata


        class Distribution:
            def __init__(self):
                self.name = "demo"
                self.version = "1.0"

            def finalize_options(self):
                group = "kiln.finalize"

                def by_order(hook):
                    return getattr(hook, "order", 0)

                loaded = (e.load() for e in metadata.entry_points(group=group))
                for ep in sorted(loaded, key=by_order):
                    ep(self)
        """,
    **_plugin(
        "kiln-stamp",
        "kiln.finalize",
        "kiln_stamp:finalize",
        "kiln_stamp",
        "def finalize(dist):\n    dist.version = dist.version + '.post1'\n",
    ),
    **_plugin(
        "kiln-meta",
        "kiln.finalize",
        "kiln_meta:finalize",
        "kiln_meta",
        "def finalize(dist):\n    dist.metadata.version = '2.0'\n",
    ),
}


def test_objects_loaded_into_a_collection_and_called_in_a_loop(tmp_path: Path) -> None:
    """`for ep in sorted(e.load() for e in eps): ep(self)`: the host calls each entry point's
    object with itself, so the proposal has a setup-function with the host's class as its
    argument, which finds the hook reading an attribute the Distribution lacks (PC531) and
    nothing on the healthy one."""
    host = write_host(tmp_path, files=FINALIZED, dedent=True)
    text = _proposal(host)
    table = text.partition("[tool.plugcheck.contracts.kiln-finalize.setup-function]")[2]
    assert 'export = "entry-point"  # host: kiln/dist.py:17' in table, text
    assert 'argument = "kiln.dist:Distribution"' in table, text
    assert _errors(host) == {("kiln-meta", "PC531")}
