"""Entry points naming objects and hosts with their own calls, through the CLI on real files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import TESTDATA, cli_json, copy_host, run_check, run_cli_here, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.


CASES = TESTDATA / "rules"


def _codes(data: dict[str, object], contract: str | None = None) -> list[tuple[str, str]]:
    """(code, message) of every finding, or of ``contract``'s only."""
    findings = data["findings"]
    assert isinstance(findings, list)
    return sorted(
        (f["code"], f["message"])
        for f in findings
        if contract is None or f.get("contract") == contract
    )


def test_entry_point_function_with_the_wrong_signature() -> None:
    data = cli_json("check", str(CASES / "PC201" / "bad-entry-point-object"), here=True)
    [(code, message)] = _codes(data, "extractors")  # the case's formatters contract has its own
    assert code == "PC201"
    assert message.startswith("extract_old does not match xapi:Extractor")
    assert "the host passes 4" in message
    # An instance typed by a host Protocol is judged by the host's calls: a parameter the
    # host never passes is an error; a declared return of another shape is judged by what the
    # host's own code does with it (vapi/validating.py): a warning where it reads a name the
    # returned class lacks; only info for logfire's `tuple[X, ...]`, whose every use fits save
    # how many items there are (the good case's fixed pair that fits gets nothing).
    findings = [f for f in data["findings"] if f.get("contract") == "validators"]
    judged = sorted((f["plugin"], f["severity"], f["message"]) for f in findings)
    assert [(p, s) for p, s, _ in judged] == [
        ("nameless", "warning"),
        ("strict", "error"),
        ("tracer", "info"),
    ]
    assert "(vapi/validating.py:16: the host reads name of the Recorder it returns" in judged[0][2]
    assert "its new_validator: it requires mode: str, which the host does not pass" in judged[1][2]
    assert "its uses fit, save the number of items, which it unpacks into 2" in judged[2][2]
    # A callable Protocol's result is the host's product: an error, as for a function.
    [(code, message)] = _codes(data, "makers")
    assert message.endswith("its __call__: it returns str, the host expects Handler")


def test_entry_point_naming_a_missing_object(tmp_path: Path) -> None:
    case = tmp_path / "host"
    shutil.copytree(CASES / "PC201" / "good-entry-point-object", case)
    project = case / "plugins" / "fine" / "pyproject.toml"
    project.write_text(project.read_text().replace("fine_extractor:extract", "fine_extractor:run"))
    data = cli_json("check", str(case), here=True)
    [(code, message)] = _codes(data)
    assert code == "PC101"
    assert "does not define 'run'; its entry point fine = 'fine_extractor:run' names it" in message


def test_only_the_hosts_calls_run(tmp_path: Path) -> None:
    """An extension with no init/run/shutdown at all, under a host that only calls
    extendMarkdown: nothing to report, statically or at run time."""
    case = tmp_path / "host"
    shutil.copytree(CASES / "PC541" / "good", case)
    data = cli_json("check", str(case), here=True)
    assert _codes(data) == []
    summary = data["summary"]
    assert isinstance(summary, dict) and summary["plugins"] == 1


def test_a_failing_stand_in_is_not_the_plugins_fault(tmp_path: Path) -> None:
    case = tmp_path / "host"
    shutil.copytree(CASES / "PC541" / "good", case)
    testing = case / "api" / "mdapi" / "testing.py"
    testing.write_text(
        testing.read_text() + "\n\ndef broken() -> Markdown:\n    raise RuntimeError('no host')\n"
    )
    config = case / "pyproject.toml"
    config.write_text(config.read_text().replace("mdapi.testing:markdown", "mdapi.testing:broken"))
    data = cli_json("check", str(case), here=True)
    [(code, message)] = _codes(data)
    assert code == "PC417"
    assert "a stand-in for extendMarkdown() failed: RuntimeError: no host" in message


def test_the_entry_points_type_wins_over_a_same_named_export(tmp_path: Path) -> None:
    """An export named like the entry point's object does not replace the entry point's type:
    a loose export type would otherwise let a function with the wrong signature pass."""
    case = tmp_path / "host"
    shutil.copytree(CASES / "PC201" / "bad-entry-point-object", case)
    api = case / "api" / "xapi" / "__init__.py"
    api.write_text(api.read_text() + "\nLoose = Callable[..., Any]\n")
    config = case / "pyproject.toml"
    config.write_text(
        config.read_text() + "\n[tool.plugcheck.contracts.extractors.exports]\n"
        'extract_old = { type = "xapi:Loose", optional = true }\n'
    )
    data = cli_json("check", str(case), here=True)
    [(code, message)] = _codes(data, "extractors")
    assert code == "PC201"
    assert message.startswith("extract_old does not match xapi:Extractor")


def _with_calls(tmp_path: Path, calls: str) -> Path:
    case = tmp_path / "host"
    shutil.copytree(CASES / "PC541" / "good", case)
    config = case / "pyproject.toml"
    old = 'calls = [{ method = "extendMarkdown", stand-ins = ["mdapi.testing:markdown"] }]'
    assert old in config.read_text()
    config.write_text(config.read_text().replace(old, f"calls = [{calls}]"))
    return case


def test_a_call_by_keyword_and_its_result(tmp_path: Path) -> None:
    """The host passes md=... by keyword and requires None back: the extension takes `md`, so
    the call fits, and returns None."""
    case = _with_calls(
        tmp_path,
        '{ method = "extendMarkdown", keyword-stand-ins = { md = "mdapi.testing:markdown" }, '
        'returns = "none" }',
    )
    assert _codes(cli_json("check", str(case), here=True)) == []


def test_a_call_with_another_keyword_or_a_result_the_host_refuses(tmp_path: Path) -> None:
    case = _with_calls(
        tmp_path,
        '{ method = "extendMarkdown", '
        'keyword-stand-ins = { markdown = "mdapi.testing:markdown" } }',
    )
    # Static and dynamic agree: mypy judges the keyword against the method's parameter names
    # (PC204), the harness's call with it fails (PC541, what is left without mypy).
    [(code, message)] = _codes(cli_json("check", str(case), here=True))
    assert code == "PC204"
    assert (
        "the host calls extendMarkdown(markdown=...), and it has no parameter markdown" in message
    )
    [(code, message)] = _codes(cli_json("check", "--no-mypy", str(case), here=True))
    assert code == "PC541"
    assert "extendMarkdown(markdown=mdapi.testing:markdown())" in message
    assert "unexpected keyword argument 'markdown'" in message

    case = _with_calls(
        tmp_path / "second",
        '{ method = "extendMarkdown", stand-ins = ["mdapi.testing:markdown"], '
        'returns = "mapping", required-keys = ["name"] }',
    )
    # The method returns None on every path: the static pass says so (PC562), which explains
    # the harness's refused result (PC541, what is left without the static pass).
    [(code, message)] = _codes(cli_json("check", str(case), here=True))
    assert code == "PC562"
    assert "extendMarkdown() returns None on every path, but the host calls it" in message
    [finding] = run_check(case, static=False).findings
    assert finding.code == "PC541"
    assert "extendMarkdown() returned NoneType, expected a dict" in finding.message


@pytest.mark.parametrize(
    ("call", "problem"),
    [
        ('{ method = "extendMarkdown", returns = "dict" }', "returns: 'dict' is not one of"),
        ('{ method = "extendMarkdown", returns = "instance" }', "`return-type`"),
        ('{ method = "extendMarkdown", keyword-stand-ins = ["x:y"] }', "must be a table"),
        ('{ method = "extendMarkdown", required-keys = ["a"] }', "`required-keys` goes with"),
    ],
)
def test_bad_call_keys_are_one_line_errors(tmp_path: Path, call: str, problem: str) -> None:
    proc = run_cli_here("check", str(_with_calls(tmp_path, call)))
    assert proc.returncode == 2, proc.stderr
    assert problem in proc.stderr and "Traceback" not in proc.stderr


_RUN_AND_CLOSE = """from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable


@runtime_checkable
class Plugin(Protocol):
    def run(self) -> None: ...

    def close(self) -> None: ...


Factory = Callable[[], Plugin]
Register = Callable[[object], None]
"""


def _run_and_close_host(tmp_path: Path, plugin: str, **others: str) -> Path:
    """A factory host whose lifecycle protocol declares run() and close(), no init/shutdown."""
    case = copy_host(CASES / "PC517" / "good", tmp_path / "host")
    # Only the plugins given: the case's own (other classes, written for its protocol) go.
    shutil.rmtree(case / "plugins")
    return write_host(case, {"plugapi": _RUN_AND_CLOSE}, {"ticker": plugin, **others})


_TICKER = """from __future__ import annotations

import plugapi
from plugapi import Plugin
{patch}

class Ticker:
    def run(self) -> None:
        {run}

    def close(self) -> None:
        pass


def new() -> Plugin:
    return Ticker()
"""


def test_lifecycle_methods_the_protocol_does_not_declare_are_not_called(tmp_path: Path) -> None:
    """The host never calls init() or shutdown() when its protocol has neither: no PC405 for a
    plugin that implements the protocol fully; a note says what was not called."""
    case = _run_and_close_host(tmp_path, _TICKER.format(patch="", run="pass"))
    proc = run_cli_here("check", str(case))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "declares no init(), shutdown(): the harness does not call them" in proc.stdout


def test_a_plugin_cannot_skip_its_own_run_by_patching_the_protocol(tmp_path: Path) -> None:
    """Which methods the protocol declares is read before any plugin runs: deleting run from
    the host's protocol at import does not stop the harness from calling the failing run()."""
    patch = "import json\n\ndel plugapi.Plugin.run\n"
    plugin = _TICKER.format(patch=patch, run="json.loads('{')")
    # Where no shutdown() follows run(), a thread run() leaves waiting keeps the host from
    # exiting: before, with no leak census after run() and the exit's counting only what ran
    # before init(), it passed (red team red49).
    lingers = _TICKER.format(
        patch="import threading\n", run="threading.Thread(target=threading.Event().wait).start()"
    ).replace("Ticker", "Lingers")
    data = cli_json("check", str(_run_and_close_host(tmp_path, plugin, lingers=lingers)), here=True)
    assert [c for c, m in _codes(data) if "run() raised json.decoder.JSONDecodeError" in m] == [
        "PC407"
    ]
    [(code, message)] = [
        (f["code"], f["message"]) for f in data["findings"] if "lingers" in f["path"]
    ]
    assert code == "PC410", message
    assert "init() or run(); the host calls no shutdown()" in message, message


_GIVEN_ELSEWHERE = {
    "metaclass": "class _Lazy(type):\n    def __getattr__(cls, name: str) -> Any:\n"
    "        return _extract\n\n\nclass Extractors(metaclass=_Lazy):\n    pass\n",
    "setattr": "class Extractors:\n    pass\n\n\nsetattr(Extractors, 'extract_old', "
    "staticmethod(_extract))\n",
    "assigned": "class Extractors:\n    pass\n\n\n"
    "Extractors.extract_old = staticmethod(_extract)\n",
    "decorator": "def _adds(cls: Any) -> Any:\n    cls.extract_old = staticmethod(_extract)\n"
    "    return cls\n\n\n@_adds\nclass Extractors:\n    pass\n",
}


@pytest.mark.parametrize("how", sorted(_GIVEN_ELSEWHERE))
def test_entry_point_method_given_outside_the_class_body(tmp_path: Path, how: str) -> None:
    """`mod:Class.method` where the method comes from a metaclass, a decorator, setattr or an
    assignment: ep.load() finds it, so no PC101 (nor PC402 at run time)."""
    case = tmp_path / "host"
    shutil.copytree(CASES / "PC101" / "good-entry-point-method", case)
    source = case / "plugins" / "old" / "src" / "old_extractor" / "extract.py"
    source.write_text(
        "from typing import Any\n\nfrom .base import Base\n\n_extract = Base.extract_old\n\n\n"
        + _GIVEN_ELSEWHERE[how]
    )
    data = cli_json("check", str(case), here=True)
    assert [c for c, _ in _codes(data) if c in {"PC101", "PC402"}] == []
