"""Entry functions of any shape: N stand-in arguments, and the result the host accepts."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import run_check, run_cli_here, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.


HOST = """
[tool.plugcheck.contracts.tool]
kind = "factory"
paths = ["plugins/*"]
search-path = ["api"]

[tool.plugcheck.contracts.tool.setup-function]
export = "register"
{keys}
"""


def _host(tmp_path: Path, keys: str, plugins: dict[str, str]) -> Path:
    api = (
        "class Linter:\n    def register_checker(self, checker):\n        self.checker = checker\n"
        "\n\ndef linter():\n    return Linter()\n"
    )
    return write_host(tmp_path, {"reghost": api}, plugins, HOST.format(keys=keys))


def _found(root: Path, *codes: str) -> dict[str, str]:
    """The plugins with a finding of ``codes`` (PC532, the run's failed call, by default)."""
    report = run_check(root, mypy=False)
    return {f.plugin: f.message for f in report.findings if f.code in (codes or ("PC532",))}


def test_keyword_arguments(tmp_path: Path) -> None:
    root = _host(
        tmp_path,
        'stand-ins = []\nkeyword-stand-ins = { linter = "reghost:linter" }\nreturns = "none"',
        {
            "fine": "def register(*, linter):\n    linter.register_checker(1)\n",
            "other_name": "def register(tool):\n    pass\n",
        },
    )
    # A signature that does not take the call is found statically (PC561 predicts the call's
    # TypeError, which is not repeated).
    assert _found(root) == {}
    found = _found(root, "PC561")
    assert set(found) == {"other_name"}
    assert "register(linter=reghost:linter())" in found["other_name"]
    assert "no parameter 'linter', which the host passes by keyword" in found["other_name"]


def test_an_iterable_is_iterated(tmp_path: Path) -> None:
    root = _host(
        tmp_path,
        'stand-ins = ["reghost:linter"]\nreturns = "iterable"',
        {
            "fine": "def register(linter):\n    yield linter\n",
            "fails_late": "def register(linter):\n    yield linter\n    raise KeyError('x')\n",
            # a bool the source does not spell at the return (`return True` is PC562)
            "flag": "FLAG = True\n\n\ndef register(linter):\n    return FLAG\n",
            "literal": "def register(linter):\n    return True\n",
        },
    )
    found = _found(root)
    assert set(found) == {"fails_late", "flag"}
    assert "raised KeyError" in found["fails_late"]
    assert "returned bool, which is not iterable" in found["flag"]
    assert set(_found(root, "PC562")) == {"literal"}


def test_no_arguments(tmp_path: Path) -> None:
    root = _host(
        tmp_path,
        'stand-ins = []\nreturns = "none"',
        {"fine": "def register():\n    pass\n", "wants_one": "def register(linter):\n    pass\n"},
    )
    assert _found(root) == {}
    found = _found(root, "PC561")
    assert set(found) == {"wants_one"}
    assert "register() cannot take what the host passes, register()" in found["wants_one"]
    assert "it requires linter, which the host does not pass" in found["wants_one"]


def test_an_optional_entry_function_is_called_only_where_defined(tmp_path: Path) -> None:
    # xonsh calls a xontrib's _load_xontrib_(xsh) when the module defines one; a module
    # without it is loaded for its names. Without the export's `optional`, that plugin is
    # PC416 "could not be checked: no callable register".
    keys = 'stand-ins = []\nreturns = "mapping-or-none"\n'
    keys += "[tool.plugcheck.contracts.tool.exports]\nregister = { optional = true }"
    root = _host(
        tmp_path,
        keys,
        {
            "plain": "NAMES = {'x': 1}\n",
            "fine": "def register():\n    return {'x': 1}\n",
            "wrong": "def register():\n    return 3\n",
        },
    )
    report = run_check(root, mypy=False)
    assert {(f.plugin, f.code) for f in report.findings if f.severity.value != "info"} == {
        ("wrong", "PC562")
    }


def test_an_instance_of_a_host_type(tmp_path: Path) -> None:
    root = _host(
        tmp_path,
        'stand-ins = ["reghost:linter"]\nreturns = "instance"\nreturn-type = "reghost:Linter"',
        {
            "fine": "def register(linter):\n    return linter\n",
            # None at run time, which the source does not tell (a bare `return None` is PC562)
            "none": "def register(linter):\n    return linter.register_checker(1)\n",
        },
    )
    found = _found(root)
    assert set(found) == {"none"}
    assert "returned NoneType, not an instance of reghost.Linter" in found["none"]


def test_a_mapping_with_required_keys(tmp_path: Path) -> None:
    root = _host(
        tmp_path,
        'stand-ins = ["reghost:linter"]\nreturns = "mapping"\nrequired-keys = ["name"]',
        {
            "fine": "def register(linter):\n    return {'name': 'x'}\n",
            "nameless": "def register(linter):\n    return {'version': 1}\n",
            "nothing": "def register(linter):\n    return linter.register_checker(1)\n",
        },
    )
    # the missing key is read from source (PC562), the run's twin then only noted
    found = _found(root, "PC532", "PC562")
    assert set(found) == {"nameless", "nothing"}
    assert "without the required key(s) ['name']" in found["nameless"]
    assert "returned NoneType, expected a dict" in found["nothing"]


def test_called_once_per_plugin_with_fresh_stand_ins(tmp_path: Path) -> None:
    once = (
        "def register(linter):\n"
        "    assert not hasattr(linter, 'checker'), 'stand-in reused'\n"
        "    linter.register_checker(__name__)\n"
    )
    root = _host(
        tmp_path,
        'stand-ins = ["reghost:linter"]\nreturns = "none"',
        {f"p{i}": once for i in range(3)},
    )
    assert _found(root) == {}


@pytest.mark.parametrize(
    ("keys", "problem"),
    [
        ('stand-ins = "reghost:linter"', "`stand-ins` must be a list"),
        ('stand-in = "reghost:linter"\nstand-ins = []', "exclude each other"),
        ('returns = "class"', "`returns` must be one of"),
        ('returns = "subclass"', "`return-type`"),
        ('stand-ins = []\nrequired-keys = ["a"]\nreturns = "none"', "`required-keys` goes with"),
        ('instantiate-with = ["reghost:linter"]', "`instantiate-with` goes with"),
        ('arguments = ["reghost"]', "`arguments` must be a list"),
        ('argument = "reghost:Linter"\narguments = []', "exclude each other"),
        ('stand-ins = []\nkeyword-stand-ins = ["reghost:linter"]', "must be a table"),
        ('stand-ins = []\nkeyword-stand-ins = { 1x = "reghost:linter" }', "must be a table"),
        ('keyword-stand-ins = { linter = "reghost:linter" }', "goes with `stand-ins`"),
        # Without stand-ins the host hands the export to accepted-by uncalled: no result.
        ('accepted-by = "reghost:accept"\nreturns = "none"', "`returns` judges what"),
    ],
)
def test_bad_keys_are_one_line_errors(tmp_path: Path, keys: str, problem: str) -> None:
    root = _host(tmp_path, keys, {"fine": "def register():\n    pass\n"})
    proc = run_cli_here("check", str(root))
    assert proc.returncode == 2, proc.stderr
    assert problem in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_a_failing_stand_in_beside_a_single_module_plugin(tmp_path: Path) -> None:
    """A single-module plugin installed in site-packages does not own site-packages: a stand-in
    that fails there, in a library installed beside it, is the contract's PC418, not the
    plugin's failure (the plugin's files are its RECORD's)."""
    site = tmp_path / "site"
    (site / "reghost").mkdir(parents=True)
    (site / "reghost" / "__init__.py").write_text(
        "class Linter:\n    def __init__(self, config_path):\n        self.path = config_path\n"
        "\n    def register_checker(self, checker):\n        pass\n"
    )
    (site / "reghost_standin.py").write_text(
        "from reghost import Linter\n\n\ndef linter():\n    return Linter()\n"
    )
    (site / "oneplug.py").write_text("def register(linter):\n    linter.register_checker(1)\n")
    info = site / "oneplug-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: oneplug\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[reghost.plugins]\none = oneplug\n")
    (info / "RECORD").write_text("oneplug.py,,\noneplug-1.0.dist-info/RECORD,,\n")
    root = write_host(
        tmp_path / "host",
        pyproject="[tool.plugcheck.contracts.tool]\n"
        'kind = "factory"\n'
        'entry-point-group = "reghost.plugins"\n'
        "[tool.plugcheck.contracts.tool.setup-function]\n"
        'export = "register"\n'
        'stand-ins = ["reghost_standin:linter"]\n'
        'returns = "any"\n',
    )
    path = os.pathsep.join(p for p in (str(site), os.environ.get("PYTHONPATH", "")) if p)
    proc = run_cli_here("check", str(root), "--output-format", "json", env={"PYTHONPATH": path})
    assert proc.returncode == 1, proc.stderr
    found = {(f["plugin"], f["code"]) for f in json.loads(proc.stdout)["findings"]}
    assert ("contract tool", "PC418") in found, found
    assert not {code for _, code in found} & {"PC416", "PC532"}, found


def test_the_entry_point_name_stand_in(tmp_path: Path) -> None:
    """``{ entry-point = "name" }``: each plugin gets the name of its own entry point (certbot
    builds plugin_cls(config, name), and plugins keep the name for their options)."""
    site = tmp_path / "site"
    site.mkdir()
    for module, name in (("keeper", "keeper-ep"), ("picky", "picky-ep")):
        # picky expects another name than its entry point's: the host's call fails for it.
        wanted = name if module == "keeper" else "something-else"
        (site / f"{module}.py").write_text(
            f"def register(linter, name):\n    assert name == {wanted!r}, name\n"
        )
        info = site / f"{module}-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0\n")
        (info / "entry_points.txt").write_text(f"[reghost.plugins]\n{name} = {module}\n")
        (info / "RECORD").write_text(f"{module}.py,,\n{module}-1.0.dist-info/RECORD,,\n")
    root = write_host(
        tmp_path / "host",
        pyproject="[tool.plugcheck.contracts.tool]\n"
        'kind = "factory"\n'
        'entry-point-group = "reghost.plugins"\n'
        "[tool.plugcheck.contracts.tool.setup-function]\n"
        'export = "register"\n'
        'stand-ins = [{ value = 1 }, { entry-point = "name" }]\n'
        'returns = "any"\n',
    )
    path = os.pathsep.join(p for p in (str(site), os.environ.get("PYTHONPATH", "")) if p)
    proc = run_cli_here("check", str(root), "--output-format", "json", env={"PYTHONPATH": path})
    assert proc.returncode == 1, proc.stderr
    found = {(f["plugin"], f["code"]): f["message"] for f in json.loads(proc.stdout)["findings"]}
    assert set(found) == {("picky-ep", "PC532")}, found
    assert "AssertionError: picky-ep" in found["picky-ep", "PC532"]
    assert "register(1, <its entry point's name>)" in found["picky-ep", "PC532"]


def test_the_entry_point_name_is_a_setup_function_stand_in_only(tmp_path: Path) -> None:
    root = write_host(
        tmp_path,
        pyproject="[tool.plugcheck.contracts.tool]\n"
        'kind = "factory"\npaths = ["plugins/*"]\n'
        "[tool.plugcheck.contracts.tool.lifecycle]\n"
        'factory = "new"\nfactory-stand-ins = [{ entry-point = "name" }]\n',
        plugins={},
    )
    proc = run_cli_here("check", str(root))
    assert proc.returncode == 2 and "is a stand-in of setup-function only" in proc.stderr
