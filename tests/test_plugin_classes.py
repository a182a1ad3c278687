"""plugin-classes: hosts that build the plugin-base subclasses a module defines (PC537, PC538)."""

from __future__ import annotations

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

[tool.plugcheck.contracts.tool.plugin-classes]
base = "chost:Plugin"
{keys}
"""


def _host(tmp_path: Path, keys: str, plugins: dict[str, str]) -> Path:
    api = (
        "class Plugin:\n    def __init__(self, registry=None):\n        self.registry = registry\n"
        "\n\ndef registry():\n    return {}\n"
    )
    return write_host(tmp_path, {"chost": api}, plugins, HOST.format(keys=keys))


TWO = (
    "from chost import Plugin\n\n\n"
    "class First(Plugin):\n    def __init__(self, registry):\n        raise RuntimeError('first')\n"
    "\n\nclass Second(Plugin):\n    pass\n"
)


@pytest.mark.parametrize(
    ("keys", "built"),
    [("", {"First"}), ('pick = "first"', {"First"}), ('pick = "last"', set())],
)
def test_the_classes_the_host_picks_are_built(tmp_path: Path, keys: str, built: set[str]) -> None:
    root = _host(tmp_path, keys + '\nstand-ins = ["chost:registry"]', {"two": TWO})
    report = run_check(root, mypy=False)
    failed = {
        f.message.split("fails: ")[1].split("()")[0] for f in report.findings if f.code == "PC537"
    }
    assert failed == built


def test_an_abstract_or_imported_class_is_not_the_plugins(tmp_path: Path) -> None:
    root = _host(
        tmp_path,
        "",
        {
            "abstract": (
                "import abc\nfrom chost import Plugin\n\n\n"
                "class Base(Plugin, abc.ABC):\n    @abc.abstractmethod\n    def run(self): ...\n"
            ),
            "imported": "from chost import Plugin as Alias\n",
        },
    )
    # A folder with no __init__.py: the host's import gives a namespace package, which defines
    # no class even when a module inside it does (it was passed over without a word).
    folder = root / "plugins" / "folder"
    folder.mkdir()
    (folder / "impl.py").write_text("from chost import Plugin\n\n\nclass Impl(Plugin):\n    pass\n")
    report = run_check(root, mypy=False)
    assert {f.plugin for f in report.findings if f.code == "PC538"} == {
        "abstract",
        "imported",
        "folder",
    }


@pytest.mark.parametrize(
    ("keys", "problem"),
    [
        ('pick = "all"', "`pick` must be one of"),
        ('stand-ins = "chost:registry"', "`stand-ins` must be a list"),
        ('colour = "blue"', "unknown key 'colour'"),
        ('accepted-by = "chost:Registry().add.one"', '"module:Class().method" (the host\'s'),
    ],
)
def test_bad_keys_are_one_line_errors(tmp_path: Path, keys: str, problem: str) -> None:
    root = _host(
        tmp_path, keys, {"fine": "from chost import Plugin\n\n\nclass P(Plugin):\n    pass\n"}
    )
    proc = run_cli_here("check", str(root))
    assert proc.returncode == 2, proc.stderr
    assert problem in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


NAMED = """
[tool.plugcheck.contracts.tool]
kind = "factory"
paths = ["plugins/*"]
search-path = ["api"]

[tool.plugcheck.contracts.tool.plugin-classes]
{keys}
"""


@pytest.mark.parametrize(
    ("keys", "problem"),
    [
        ('name-suffix = "IE"\nname-pattern = ".*IE"', "`name-suffix` or `name-pattern`, not both"),
        ('name-pattern = "(IE"', "`name-pattern` is not a regular expression"),
        ('pick = "last"', "`base` (the host's plugin base class"),
        ('name-suffix = ""', "`name-suffix` must be a non-empty string"),
    ],
)
def test_a_name_rule_is_checked_as_a_configuration(tmp_path: Path, keys: str, problem: str) -> None:
    root = write_host(tmp_path, {"chost": ""}, {"fine": "X = 1\n"}, NAMED.format(keys=keys))
    proc = run_cli_here("check", str(root))
    assert proc.returncode == 2, proc.stderr
    assert problem in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_a_name_pattern_without_a_base_builds_the_classes_it_names(tmp_path: Path) -> None:
    """No base: the public classes the whole-name pattern matches are built (abstract or not),
    the others left alone; a module with none is a helper."""
    plugins = {
        "named": (
            "class Widget_v2:\n    def __init__(self):\n        raise RuntimeError('v2')\n\n\n"
            "class Widget_v3:\n    pass\n\n\n"
            "class _Widget_v4:\n    def __init__(self):\n        raise RuntimeError('private')\n"
            "\n\nclass Widget_v2_helper:\n    def __init__(self):\n        raise RuntimeError\n"
        ),
        "helper": "class Settings:\n    def __init__(self):\n        raise RuntimeError\n",
    }
    keys = 'name-pattern = "Widget_v[0-9]+"'
    root = write_host(tmp_path, {"chost": ""}, plugins, NAMED.format(keys=keys))
    report = run_check(root, mypy=False)
    assert [(f.code, f.plugin, f.message.split("fails: ")[-1]) for f in report.findings] == [
        ("PC537", "named", "Widget_v2() raised RuntimeError: v2")
    ]
