"""kind = "go-so": synthetic Go ELF files (default suite), real Go hosts and plugins (slow)."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from plugcheck import Options, check
from plugcheck.static import gobuild

from conftest import load_script, run_cli, write_host

pytestmark = pytest.mark.harness


SYNTH = load_script("build_go_testdata")


def _contract(root: Path, lookups: str = '["New"]') -> Path:
    return write_host(
        root,
        pyproject="[tool.plugcheck.contracts.greeters]\n"
        'kind = "go-so"\n'
        'paths = ["plugins/*.so"]\n'
        'host-binary = "host/app"\n'
        f"lookup-symbols = {lookups}\n",
    )


def _findings(root: Path) -> list[tuple[str, str]]:
    # dynamic on: the Go loader never runs for synthetic hosts, and must not stop the checks.
    report = check(Options(paths=(root,)))
    return sorted((f.plugin, f.code) for f in report.findings)


def test_buildinfo_round_trip(tmp_path: Path) -> None:
    text = SYNTH.modinfo(  # type: ignore[attr-defined]
        "example.com/app/host", {"example.com/util": "v1.3.0"}, {"-trimpath": "true"}
    )
    path = SYNTH.write(tmp_path / "app", SYNTH.host(modinfo=text))  # type: ignore[attr-defined]
    go = gobuild.read_go(path)
    assert go.build.source == "buildinfo"
    assert go.build.go_version == "go1.21.6"
    assert go.build.path == "example.com/app/host"
    assert go.build.deps["example.com/util"].version == "v1.3.0"
    assert go.build.deps["example.com/util"].sum.startswith("h1:")
    assert go.build.settings["-trimpath"] == "true"
    assert not go.plugin and "example.com/app/api" in go.pkghashes


def test_modinfo_replacements() -> None:
    build = gobuild.parse_modinfo(
        "path\tx/cmd\nmod\tx\t(devel)\t\ndep\ty\tv1.0.0\th1:a=\n=>\t../y\t(devel)\t\n"
        "dep\tz\tv2.0.0\th1:b=\nbuild\tGOOS=linux\n"
    )
    assert str(build.deps["y"]) == "y v1.0.0 => ../y (devel)"
    assert build.deps["y"].effective == ("../y", "(devel)", "")
    assert build.deps["z"].effective == ("z", "v2.0.0", "h1:b=")
    assert build.settings == {"GOOS": "linux"}


def test_every_truncation_is_a_finding_never_a_crash(tmp_path: Path) -> None:
    full = SYNTH.render(SYNTH.plugin())  # type: ignore[attr-defined]
    SYNTH.write(tmp_path / "host" / "app", SYNTH.host())  # type: ignore[attr-defined]
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    sizes = sorted({*range(0, 80, 7), *range(80, len(full), 97)})
    for size in sizes:
        (plugins / f"cut{size:05}.so").write_bytes(full[:size])
    findings = _findings(_contract(tmp_path))
    assert {code for _, code in findings} == {"PC726"}
    assert len(findings) == len(sizes)


def test_corrupt_buildinfo_and_hash_pointers(tmp_path: Path) -> None:
    data = bytearray(SYNTH.render(SYNTH.plugin()))  # type: ignore[attr-defined]
    at = data.find(gobuild.MAGIC)
    data[at + 32] = 0xFF  # varint length running past the end
    SYNTH.write(tmp_path / "host" / "app", SYNTH.host())  # type: ignore[attr-defined]
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "corrupt.so").write_bytes(bytes(data))
    go = gobuild.read_go(tmp_path / "plugins" / "corrupt.so")
    assert go.build.source == "none" and go.pkghashes
    assert _findings(_contract(tmp_path)) == []


def test_edited_api_copy_names_the_package(tmp_path: Path) -> None:
    api = SYNTH.API  # type: ignore[attr-defined]
    hashes = {**SYNTH.plugin().hashes, api: b"edited!!"}  # type: ignore[attr-defined]
    SYNTH.write(tmp_path / "host" / "app", SYNTH.host())  # type: ignore[attr-defined]
    SYNTH.write(tmp_path / "plugins" / "a.so", SYNTH.plugin(hashes=hashes))  # type: ignore[attr-defined]
    report = check(Options(paths=(_contract(tmp_path),), dynamic=False))
    [finding] = report.findings
    assert finding.code == "PC725"
    assert f"different version of package {api} " in finding.message


def test_module_version_explains_the_hash(tmp_path: Path) -> None:
    older = SYNTH.modinfo("example.com/app/greeter", {"example.com/util": "v1.2.0"})  # type: ignore[attr-defined]
    hashes = {
        **SYNTH.plugin().hashes,  # type: ignore[attr-defined]
        "example.com/util/text": b"older!!!",
    }
    SYNTH.write(tmp_path / "host" / "app", SYNTH.host())  # type: ignore[attr-defined]
    SYNTH.write(  # type: ignore[attr-defined]
        tmp_path / "plugins" / "a.so", SYNTH.plugin(modinfo=older, hashes=hashes)
    )
    report = check(Options(paths=(_contract(tmp_path),), dynamic=False))
    [finding] = report.findings
    assert finding.code == "PC725"
    assert "example.com/util/text" in finding.message
    assert "module example.com/util: host example.com/util v1.3.0" in finding.message


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("", "host-binary: is required"),
        ('host-binary = "nope"\n', "'nope': file not found"),
        ('host-binary = "notes.txt"\n', "not an ELF file"),
        ('host-binary = "lib.so"\n', "no Go build information"),
        ('host-binary = "tool"\n', "does not import package plugin"),
        ('host-binary = "notes.txt"\nlookup-symbols = "New"\n', "list of identifiers"),
    ],
)
def test_bad_contracts_exit_2_with_one_line(tmp_path: Path, setup: str, message: str) -> None:
    (tmp_path / "notes.txt").write_text("hello\n")
    SYNTH.write(  # type: ignore[attr-defined]
        tmp_path / "lib.so", SYNTH.GoElf(go_version=None, hashes={}, plugin=False)
    )
    SYNTH.write(tmp_path / "tool", SYNTH.host(imports_plugin=False))  # type: ignore[attr-defined]
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "x.so").write_bytes(b"")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.plugcheck.contracts.g]\nkind = "go-so"\npaths = ["plugins/*.so"]\n' + setup
    )
    proc = run_cli("check", str(tmp_path))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], proc.stderr


# --- real Go builds ---------------------------------------------------------------------------

HOST_GO = """\
package main

import (
	"fmt"
	"os"
	"plugin"

	"example.com/app/api"
)

func main() {
	p, err := plugin.Open(os.Args[1])
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	s, err := p.Lookup("New")
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	fmt.Println(s.(func() api.Greeter)().Greet())
}
"""
API_GO = "package api\n\ntype Greeter interface{ Greet() string }\n"
PLUGIN_GO = """\
package main

import "example.com/app/api"

type greeter struct{}

func (greeter) Greet() string { return "hello" }

func New() api.Greeter { return greeter{} }
"""


def _go(cwd: Path, *args: str) -> None:
    env = {**os.environ, "CGO_ENABLED": "1", "GOFLAGS": "-mod=mod"}
    subprocess.run(["go", *args], cwd=cwd, env=env, check=True, capture_output=True, timeout=600)


def _tree(root: Path, api: str) -> Path:
    for rel, text in {
        "go.mod": "module example.com/app\n\ngo 1.19\n",
        "api/api.go": api,
        "host/main.go": HOST_GO,
        "greeter/main.go": PLUGIN_GO,
        "nonew/main.go": PLUGIN_GO.replace("func New()", "func Make()"),
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


@pytest.fixture(scope="module")
def go_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("go") is None:
        pytest.skip("no Go toolchain (.ci/run installs Debian's golang-go when it can)")
    root = _tree(tmp_path_factory.mktemp("go"), API_GO)
    _go(root, "build", "-o", "bin/app", "./host")
    _go(root, "build", "-buildmode=plugin", "-o", "plugins/greeter.so", "./greeter")
    _go(
        root,
        "build",
        "-buildmode=plugin",
        "-ldflags=-s -w",
        "-o",
        "plugins/stripped.so",
        "./greeter",
    )
    # Type identity (docs/background.md): the same module version, an edited copy of the shared
    # API package.
    edited = _tree(tmp_path_factory.mktemp("go-edited"), API_GO + "\nconst Edited = true\n")
    _go(
        edited, "build", "-buildmode=plugin", "-o", str(root / "plugins" / "edited.so"), "./greeter"
    )
    _go(root, "build", "-buildmode=plugin", "-o", "plugins/nonew.so", "./nonew")
    _go(root, "build", "-trimpath", "-buildmode=plugin", "-o", "plugins/trimmed.so", "./greeter")
    (root / "pyproject.toml").write_text(
        "[tool.plugcheck.contracts.greeters]\n"
        'kind = "go-so"\npaths = ["plugins/*.so"]\nhost-binary = "bin/app"\n'
        'lookup-symbols = ["New"]\n'
    )
    return root


def _real_open(root: Path, plugin: str) -> str:
    proc = subprocess.run(
        [str(root / "bin" / "app"), str(root / "plugins" / plugin)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return proc.stdout.strip()


@pytest.mark.slow
def test_predictions_match_the_real_plugin_open(go_project: Path) -> None:
    report = check(Options(paths=(go_project,)))
    # Several plugins built from one package share a plugin path: test_duplicate_plugin_path.
    found = {(f.plugin, f.code): f for f in report.findings if f.code != "PC729"}
    assert sorted(found) == [
        ("edited.so", "PC725"),
        ("nonew.so", "PC728"),
        ("trimmed.so", "PC723"),
        ("trimmed.so", "PC725"),
    ]
    # What the real host says.
    assert _real_open(go_project, "greeter.so") == "hello"
    assert _real_open(go_project, "stripped.so") == "hello"
    real = _real_open(go_project, "edited.so")
    assert real.endswith("plugin was built with a different version of package example.com/app/api")
    predicted = found[("edited.so", "PC725")].message
    assert "different version of package example.com/app/api " in predicted
    assert "symbol New not found in plugin" in _real_open(go_project, "nonew.so")
    assert _real_open(go_project, "trimmed.so").endswith(
        "different version of package example.com/app/api"
    )
    assert "-trimpath differs" in found[("trimmed.so", "PC723")].message
    # The isolated Go loader confirmed what it can see (it does not contain the host's API).
    notes = "\n".join(report.notes)
    assert "go loader: greeter.so: opened" in notes
    assert "go loader: nonew.so: Lookup failed: New" in notes
    assert "go loader: trimmed.so: plugin.Open failed" in notes


@pytest.mark.slow
def test_real_files_build_information(go_project: Path) -> None:
    host = gobuild.read_go(go_project / "bin" / "app")
    plugin = gobuild.read_go(go_project / "plugins" / "greeter.so")
    stripped = gobuild.read_go(go_project / "plugins" / "stripped.so")
    version = subprocess.run(
        ["go", "env", "GOVERSION"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert host.build.source == "buildinfo" and host.build.go_version == version
    assert host.build.settings["CGO_ENABLED"] == "1" and not host.plugin
    assert plugin.plugin and plugin.build.go_version == version
    assert stripped.plugin and stripped.pkghashes == plugin.pkghashes
    assert "example.com/app/api" in plugin.pkghashes.keys() & host.pkghashes.keys()


@pytest.mark.slow
def test_host_built_without_cgo(go_project: Path, tmp_path: Path) -> None:
    env = {**os.environ, "CGO_ENABLED": "0"}
    subprocess.run(
        ["go", "build", "-o", str(tmp_path / "app"), "./host"],
        cwd=go_project,
        env=env,
        check=True,
        capture_output=True,
    )
    real = subprocess.run(
        [str(tmp_path / "app"), str(go_project / "plugins" / "greeter.so")],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert "not implemented" in real
    shutil.copytree(go_project / "plugins", tmp_path / "plugins")
    (tmp_path / "host").mkdir()
    shutil.move(tmp_path / "app", tmp_path / "host" / "app")
    codes = {code for plugin, code in _findings(_contract(tmp_path)) if plugin == "greeter.so"}
    assert codes - {"PC729"} == {"PC723"}


def _file_proxy(root: Path, versions: list[str]) -> str:
    """A GOPROXY directory serving example.com/dep at ``versions`` (offline, no registry)."""
    base = root / "proxy" / "example.com" / "dep" / "@v"
    base.mkdir(parents=True)
    for version in versions:
        (base / f"{version}.info").write_text(f'{{"Version": "{version}"}}')
        (base / f"{version}.mod").write_text("module example.com/dep\n\ngo 1.19\n")
        with zipfile.ZipFile(base / f"{version}.zip", "w") as archive:
            prefix = f"example.com/dep@{version}"
            archive.writestr(f"{prefix}/go.mod", "module example.com/dep\n\ngo 1.19\n")
            archive.writestr(
                f"{prefix}/dep.go",
                f'package dep\n\nfunc Version() string {{ return "{version}" }}\n',
            )
    (base / "list").write_text("\n".join(versions) + "\n")
    return f"file://{root / 'proxy'}"


@pytest.mark.slow
def test_module_versions_from_build_info_and_debug_info(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The host's build info and the plugin's DWARF source paths name the two dep versions."""
    if shutil.which("go") is None:
        pytest.skip("no Go toolchain (.ci/run installs Debian's golang-go when it can)")
    monkeypatch.setenv("GOPROXY", _file_proxy(tmp_path, ["v1.0.0", "v1.1.0"]))
    monkeypatch.setenv("GOSUMDB", "off")
    monkeypatch.setenv("GOMODCACHE", str(tmp_path / "modcache"))
    src = tmp_path / "src"
    for rel, text in {
        "go.mod": "module example.com/app\n\ngo 1.19\n\nrequire example.com/dep v1.0.0\n",
        "host/main.go": 'package main\n\nimport (\n\t"fmt"\n\t"os"\n\t"plugin"\n\n'
        '\t"example.com/dep"\n)\n\nfunc main() {\n\t_, err := plugin.Open(os.Args[1])\n'
        "\tfmt.Println(dep.Version(), err)\n}\n",
        "greeter/main.go": 'package main\n\nimport "example.com/dep"\n\n'
        "func New() string { return dep.Version() }\n",
    }.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text)
    _go(src, "build", "-o", str(tmp_path / "host" / "app"), "./host")
    _go(src, "build", "-buildmode=plugin", "-o", str(tmp_path / "plugins" / "same.so"), "./greeter")
    mod = src / "go.mod"
    mod.write_text(mod.read_text().replace("v1.0.0", "v1.1.0"))
    _go(
        src, "build", "-buildmode=plugin", "-o", str(tmp_path / "plugins" / "newer.so"), "./greeter"
    )
    report = check(Options(paths=(_contract(tmp_path),), dynamic=False))
    [finding] = [f for f in report.findings if f.code != "PC729"]  # one package, two files
    assert (finding.plugin, finding.code) == ("newer.so", "PC725")
    assert "different version of package example.com/dep " in finding.message
    assert "host example.com/dep v1.0.0, plugin example.com/dep v1.1.0" in finding.message
    real = subprocess.run(
        [str(tmp_path / "host" / "app"), str(tmp_path / "plugins" / "newer.so")],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert real.strip().endswith("different version of package example.com/dep")


@pytest.mark.parametrize(
    ("plugin_changes", "code", "severity", "words"),
    [
        ({"race": True}, "PC723", "error", "-race differs"),
        ({"settings": {"-tags": "netgo"}}, "PC723", "warning", "build tags differ"),
        ({"settings": {"GOARCH": "arm64"}}, "PC722", "error", "GOARCH=arm64"),
    ],
)
def test_build_setting_differences(
    tmp_path: Path, plugin_changes: dict[str, object], code: str, severity: str, words: str
) -> None:
    spec = SYNTH.plugin()  # type: ignore[attr-defined]
    if plugin_changes.get("race"):
        spec.hashes = {**spec.hashes, "runtime/race": b"race!!!!"}
    if "settings" in plugin_changes:
        spec.modinfo = SYNTH.modinfo(  # type: ignore[attr-defined]
            "example.com/app/greeter", {"example.com/util": "v1.3.0"}, plugin_changes["settings"]
        )
    SYNTH.write(tmp_path / "host" / "app", SYNTH.host())  # type: ignore[attr-defined]
    SYNTH.write(tmp_path / "plugins" / "a.so", spec)  # type: ignore[attr-defined]
    report = check(Options(paths=(_contract(tmp_path),), dynamic=False))
    assert [(f.code, f.severity.value) for f in report.findings] == [(code, severity)]
    assert words in report.findings[0].message


def test_pre_go_1_18_pointer_build_information(tmp_path: Path) -> None:
    spec = SYNTH.host(inline=False, go_version="go1.17.13")  # type: ignore[attr-defined]
    go = gobuild.read_go(SYNTH.write(tmp_path / "app", spec))  # type: ignore[attr-defined]
    assert go.build.source == "buildinfo"
    assert go.build.go_version == "go1.17.13"
    assert go.build.deps["example.com/util"].version == "v1.3.0"


@pytest.mark.slow
def test_duplicate_plugin_path(go_project: Path, tmp_path: Path) -> None:
    """Two files built from one package: the second plugin.Open says 'plugin already loaded'."""
    host = tmp_path / "host" / "app"
    (tmp_path / "src" / "host").mkdir(parents=True)
    (tmp_path / "src" / "go.mod").write_text("module example.com/multi\n\ngo 1.19\n")
    (tmp_path / "src" / "host" / "main.go").write_text(
        'package main\n\nimport (\n\t"fmt"\n\t"os"\n\t"plugin"\n)\n\nfunc main() {\n'
        "\tfor _, path := range os.Args[1:] {\n\t\t_, err := plugin.Open(path)\n"
        "\t\tfmt.Println(err)\n\t}\n}\n"
    )
    _go(tmp_path / "src", "build", "-o", str(host), "./host")
    (tmp_path / "plugins").mkdir()
    for name in ("greeter.so", "greeter2.so"):
        shutil.copy(go_project / "plugins" / "greeter.so", tmp_path / "plugins" / name)
    real = subprocess.run(
        [str(host), *(str(p) for p in sorted((tmp_path / "plugins").iterdir()))],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.splitlines()
    assert real[0] == "<nil>" and real[1].endswith("plugin already loaded")
    assert _findings(_contract(tmp_path, "[]")) == [("greeter2.so", "PC729")]


LIAR_GO = """\
package main

import "fmt"

// Prints the isolated loader's answer for a plugin that opened with every symbol found, then
// never returns from plugin.Open (here: the runtime ends the process, every goroutine asleep).
func init() {
	fmt.Println(`{"lookup": {}}`)
	select {}
}

func New() string { return "liar" }
"""


@pytest.mark.slow
def test_a_plugin_cannot_print_the_loaders_answer(go_project: Path, tmp_path: Path) -> None:
    # Before: the loader's answer was the last line of its stdout, which the plugin's init
    # wrote before it ended the process: "go loader: liar.so: opened" (red team sand17). The
    # loader's answer now carries a token it reads on stdin before plugin.Open.
    (go_project / "liar").mkdir(exist_ok=True)
    (go_project / "liar" / "main.go").write_text(LIAR_GO)
    _go(
        go_project,
        "build",
        "-buildmode=plugin",
        "-o",
        str(tmp_path / "plugins" / "liar.so"),
        "./liar",
    )
    (tmp_path / "pyproject.toml").write_text(
        "[tool.plugcheck.contracts.greeters]\n"
        f'kind = "go-so"\npaths = ["plugins/*.so"]\nhost-binary = "{go_project / "bin" / "app"}"\n'
        'lookup-symbols = ["New"]\n'
    )
    report = check(Options(paths=(tmp_path,)))
    # Its init never returns: the host's plugin.Open hangs (or the runtime ends it) the same way.
    assert [(f.code, f.plugin) for f in report.findings] == [("PC730", "liar.so")]
    assert not any("go loader: liar.so" in note for note in report.notes), report.notes
