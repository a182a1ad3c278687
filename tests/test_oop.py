"""Out-of-process kinds through the CLI: contract keys, extras, explicit paths, wasm binaries."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plugcheck import Options, check
from plugcheck.options import UsageError

from conftest import TESTDATA, expectations, observed, run_check, run_cli, run_cli_here, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.


SHOWCASE = TESTDATA / "showcase"
RULES = TESTDATA / "rules"


def _host(tmp_path: Path, contract: str) -> Path:
    write_host(tmp_path, pyproject=contract, dedent=True)
    (tmp_path / "bin").mkdir(exist_ok=True)
    return tmp_path


@pytest.mark.parametrize(
    ("contract", "message"),
    [
        (
            'kind = "exec"\npaths = ["bin"]\nmethods = { greet = { params = {} } }\n',
            "methods: greet.result: must be a JSON Schema",
        ),
        (  # an invalid params schema is reported, not used on the examples (jsonschema crashed)
            'kind = "exec"\npaths = ["bin"]\nmethods = { greet = { params = { type = "object", '
            'required = 0 }, result = {}, examples = [{ name = "ada" }] } }\n',
            "methods.greet.params: not a valid JSON Schema",
        ),
        ('kind = "exec"\npaths = ["bin"]\nprefix = "a/b"\n', "prefix: must be a non-empty"),
        (
            'kind = "go-plugin"\npaths = ["bin"]\nmagic-cookie = "x"\nprotocol-versions = [1]\n',
            "magic-cookie: must be a table",
        ),
        (
            'kind = "go-plugin"\npaths = ["bin"]\nprotocols = ["http"]\n',
            'protocols: must be a non-empty list of "grpc"',
        ),
        (
            'kind = "wasm"\npaths = ["bin"]\nwasm-exports = { f = "(i33) -> i32" }\n',
            "wasm-exports: f: '(i33) -> i32' is not a function type",
        ),
        ('kind = "wasm"\npaths = ["bin"]\nsmoke = { call = 3 }\n', "smoke: must be"),
        ('kind = "wasm"\npaths = ["bin"]\nfuel = -1\n', "fuel: must be a positive integer"),
    ],
)
def test_bad_contract_keys_are_usage_errors(tmp_path: Path, contract: str, message: str) -> None:
    host = _host(tmp_path, "[tool.plugcheck.contracts.c]\n" + contract)
    with pytest.raises(UsageError) as caught:
        check(Options(paths=(host,)))
    assert any(message in line for line in caught.value.problems), caught.value.problems


def test_bad_contract_exits_2_with_one_line(tmp_path: Path) -> None:
    host = _host(
        tmp_path,
        '[tool.plugcheck.contracts.c]\nkind = "wasm"\npaths = ["bin"]\nfuel = 0\n'
        'smoke = { call = "run" }\n',
    )
    proc = run_cli_here("check", str(host))
    assert proc.returncode == 2, proc.stdout
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "fuel: must be a positive integer" in proc.stderr


def test_contract_problems_found_at_check_time(tmp_path: Path) -> None:
    host = _host(
        tmp_path,
        """
        [tool.plugcheck.contracts.c]
        kind = "exec"
        paths = ["bin"]
        [tool.plugcheck.contracts.c.methods.greet]
        params = { type = "object", required = ["name"] }
        result = { type = "nonsense" }
        examples = [{ nickname = "ada" }]
        """,
    )
    with pytest.raises(UsageError) as caught:
        check(Options(paths=(host,)))
    lines = caught.value.problems
    assert any("greet.result: not a valid JSON Schema" in line for line in lines)
    assert any("greet.examples[0]: does not match its params schema" in line for line in lines)
    contract = '[tool.plugcheck.contracts.c]\nkind = "go-plugin"\npaths = ["bin"]\n'
    missing = _host(tmp_path / "g", contract)
    (missing / "bin" / "p").write_text("#!/bin/sh\n")
    (missing / "bin" / "p").chmod(0o755)
    # Checked when the configuration loads, with every missing key, before any plugin runs.
    with pytest.raises(UsageError) as caught:
        check(Options(paths=(missing,)))
    assert any(
        "c.magic-cookie: is required for kind = 'go-plugin'" in p for p in caught.value.problems
    )
    assert any(
        "c.protocol-versions: is required for kind = 'go-plugin'" in p
        for p in caught.value.problems
    )
    no_methods = _host(
        tmp_path / "e", '[tool.plugcheck.contracts.c]\nkind = "exec"\npaths = ["bin"]\n'
    )
    with pytest.raises(UsageError, match=r"c\.methods: is required for kind = 'exec'"):
        check(Options(paths=(no_methods,)))
    # wasm needs wasm-exports or smoke (what to check); bad wasm-imports names too, at load.
    no_exports = _host(
        tmp_path / "w", '[tool.plugcheck.contracts.c]\nkind = "wasm"\npaths = ["bin"]\n'
    )
    with pytest.raises(
        UsageError, match=r"c\.wasm-exports: is required for kind = 'wasm' \(or smoke\)"
    ):
        check(Options(paths=(no_exports,)))
    bad_import = _host(
        tmp_path / "i",
        '[tool.plugcheck.contracts.c]\nkind = "wasm"\npaths = ["bin"]\nsmoke = { call = "run" }\n'
        '[tool.plugcheck.contracts.c.wasm-imports]\nlog = "(i32) -> ()"\n',
    )
    with pytest.raises(UsageError, match=r"c\.wasm-imports: 'log' must be \"module.name\""):
        check(Options(paths=(bad_import,)))


def test_missing_extra_names_it(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    (blocked / "wasmtime").mkdir(parents=True)
    (blocked / "wasmtime" / "__init__.py").write_text("raise ImportError('not installed')\n")
    case = RULES / "PC646" / "good"
    # A process of its own: the blocked wasmtime must shadow the real one in plugcheck's own
    # imports, which this process has made already.
    proc = run_cli("check", str(case), env={"PYTHONPATH": str(blocked)})
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "plugcheck: error: contract modules: kind 'wasm' needs the wasm extra: "
        "pip install 'plugcheck[wasm]'"
    ]


def test_wasm_binaries_compiled_from_the_text_cases(tmp_path: Path) -> None:
    # The same modules as .wasm binaries: same findings, at line 1 (binaries have no lines).
    wasmtime = pytest.importorskip("wasmtime")
    for code in ("PC641", "PC642", "PC643", "PC644", "PC645", "PC646"):
        for case in sorted((RULES / code).glob("*")):
            target = tmp_path / code / case.name
            shutil.copytree(case, target)
            for wat in sorted(target.rglob("*.wat")):
                wat.with_suffix(".wasm").write_bytes(wasmtime.wat2wasm(wat.read_text()))
                wat.unlink()
            got = {(p, c) for p, _, c in observed(run_check(target), target)}
            want = {(p.replace(".wat", ".wasm"), c) for p, _, c in expectations(case)}
            assert got == want, case


def test_explicit_paths_reach_only_their_kind() -> None:
    report = check(Options(paths=(SHOWCASE / "exec" / "bin" / "showcase-chatty",)))
    assert [p.name for p in report.plugins] == ["chatty"]
    assert {f.code for f in report.findings} == {"PC606"}
    report = check(Options(paths=(SHOWCASE / "wasm",)))
    assert sorted(p.name for p in report.plugins) == ["fetcher", "scale", "spin"]


def test_select_and_static_only() -> None:
    report = check(Options(paths=(SHOWCASE,), select=("PC60",), dynamic=False, mypy=False))
    assert {f.code for f in report.findings} == {"PC600", "PC602"}


def test_python_exec_scripts_get_the_static_rules(tmp_path: Path) -> None:
    host = _host(
        tmp_path,
        """
        [tool.plugcheck.contracts.c]
        kind = "exec"
        prefix = "x-"
        paths = ["bin"]
        [tool.plugcheck.contracts.c.methods.ping]
        params = { type = "object" }
        result = { type = "object" }
        examples = [{}]
        """,
    )
    broken = host / "bin" / "x-broken"
    broken.write_text("#!/usr/bin/env python3\ndef main(:\n    pass\n")
    eager = host / "bin" / "x-eager.py"
    eager.write_text(
        "#!/usr/bin/env python3\nimport json, sys\n"
        "request = json.load(sys.stdin)\n"
        "print(json.dumps({'result': {}} if request['method'] == 'ping' else {'error': 'no'}))\n"
    )
    for script in (broken, eager):
        script.chmod(0o755)
    found = {(f.location.path.name, f.location.line, f.code) for f in run_check(host).findings}
    # The script that does not parse is not run as well: it could only crash.
    assert found == {("x-broken", 2, "PC001"), ("x-eager.py", 4, "PC110")}


NETRPC_PLUGIN = """#!/usr/bin/env python3
import os, signal, socket, sys

if os.environ.get("NET_PLUGIN") != "1":
    sys.exit("a plugin: start it from its host")
server = socket.create_server(("127.0.0.1", 0))
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
print(f"1|{os.environ['PLUGIN_PROTOCOL_VERSIONS'].split(',')[-1]}|tcp|"
      f"127.0.0.1:{server.getsockname()[1]}|netrpc", flush=True)
while True:
    server.accept()[0].close()
"""


def test_go_plugin_netrpc_when_allowed(tmp_path: Path) -> None:
    contract = """
        [tool.plugcheck.contracts.c]
        kind = "go-plugin"
        paths = ["bin"]
        magic-cookie = {{ key = "NET_PLUGIN", value = "1" }}
        protocol-versions = [4, 5]
        protocols = {protocols}
        deadline = 5.0
        stop-grace = 1.0
        """
    host = _host(tmp_path, contract.format(protocols='["grpc", "netrpc"]'))
    plugin = host / "bin" / "net"
    plugin.write_text(NETRPC_PLUGIN)
    plugin.chmod(0o755)
    # Negotiated from PLUGIN_PROTOCOL_VERSIONS, reachable, no gRPC health call, stops on SIGTERM.
    report = run_check(host)
    assert report.findings == []
    # Never called (plugcheck speaks no net/rpc): the summary says so, never "passed" (red59).
    assert [n for n in report.left_out if "net serves net/rpc" in n]
    _host(tmp_path, contract.format(protocols='["grpc"]'))
    assert [f.code for f in run_check(host).findings] == ["PC624"]
