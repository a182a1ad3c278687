"""The static pass's result cache: a warm rerun reuses every unchanged plugin's findings and
parses nothing; whatever a plugin's checks read (its files, the host's, where its imports were
looked for) changing makes it judged again, with the findings of a run without the cache; a
corrupt cache is discarded and rebuilt."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest

from conftest import TESTDATA, copy_host, run_cli, run_cli_here

pytestmark = pytest.mark.harness


ARGS = ("--contract", "processors", "--no-dynamic", "--no-mypy", "-v", "--output-format", "json")


@pytest.fixture
def host(tmp_path: Path) -> Path:
    return copy_host(TESTDATA / "showcase", tmp_path / "showcase")


def _check(host: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    proc = run_cli("check", str(host), *ARGS, *extra)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    return proc


def _cached(host: Path) -> tuple[dict[str, object], dict[str, int]]:
    """The report of a run with the cache under the host, and what ``--verbose`` counted."""
    proc = _check(host, "--cache-dir", str(host.parent / "cache"))
    counts = {}
    for line in proc.stderr.splitlines():
        what, _, count = line.removeprefix("plugcheck: ").rpartition(": ")
        if count.isdigit():
            counts[what] = int(count)
    report: dict[str, object] = json.loads(proc.stdout)
    return report, counts


def _uncached(host: Path) -> dict[str, object]:
    report: dict[str, object] = json.loads(_check(host, "--no-cache").stdout)
    return report


def _codes(report: dict[str, object], plugin: str) -> set[str]:
    findings = report["findings"]
    assert isinstance(findings, list)
    return {f["code"] for f in findings if f["plugin"] == plugin}


PARSED = "files parsed by the static pass"
REUSED = "plugins judged from the static result cache"
CHECKED = "plugins checked by the static pass"


def test_a_warm_rerun_gives_the_same_report_and_parses_nothing(host: Path) -> None:
    cold, cold_counts = _cached(host)
    warm, warm_counts = _cached(host)
    assert warm == cold == _uncached(host)
    plugins = cold_counts[CHECKED]
    assert plugins > 20 and cold_counts[PARSED] >= plugins and cold_counts[REUSED] == 0
    warm_counts.pop("plugins found from the discovery cache", None)  # tests/test_discovery_cache
    assert warm_counts == {PARSED: 0, CHECKED: 0, REUSED: plugins}
    # A value about one plugin (its import walk) is judged with its entry, not apart.
    [written] = (host.parent / "cache" / "static").glob("*.json")
    data = json.loads(written.read_text())
    assert data["shared"] and not [n for n in data["shared"] if n.startswith("('import walk'")]


def test_a_cold_run_reads_each_parsed_file_once(
    host: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The result cache hashes, and the suppression comments are looked for in, the bytes
    parsing read: each was a second read of every parsed file. A file with a comment is read
    again for it."""
    from plugcheck import Options, check

    opened: Counter[str] = Counter()
    real_open = os.open

    def counted(path: str | Path, flags: int, *args: int, **kwargs: int) -> int:
        opened[os.fspath(path)] += 1
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", counted)
    report = check(Options(paths=(host,), mypy=False, dynamic=False, cache_dir=tmp_path / "c"))
    assert report.findings and not report.crashes
    sources = {
        p: n
        for p, n in opened.items()
        if p.endswith(".py") and p.startswith(str(host)) and Path(p).is_file()
    }
    assert len(sources) > 20
    again = {p: n for p, n in sources.items() if n != 1 + (b"plugcheck:" in Path(p).read_bytes())}
    assert not again, again


def test_an_edited_plugin_is_judged_again_and_only_it(host: Path) -> None:
    _, before = _cached(host)
    greeter = host / "plugins" / "greeter" / "src" / "greeter" / "__init__.py"
    greeter.write_text(greeter.read_text().replace("def new()", "def make()"))
    report, counts = _cached(host)
    assert "PC101" in _codes(report, "greeter")  # the factory `new` is gone
    assert report == _uncached(host)
    assert counts[CHECKED] == 1 and counts[REUSED] == before[CHECKED] - 1


def _same_size_edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` (as long) in ``path`` and put its modification time back, as
    ``rsync -t``, ``tar`` or a hand with ``touch -d`` can: only the change time moves."""
    was = path.stat()
    path.write_text(path.read_text().replace(old, new))
    os.utime(path, ns=(was.st_atime_ns, was.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (was.st_size, was.st_mtime_ns)


def test_a_same_size_edit_to_a_long_unchanged_file_is_seen(host: Path) -> None:
    """Files last changed long before the run are trusted by size and modification time on
    the next run (not read again) while their change time stands too: an edit that keeps the
    size and puts the modification time back still moves it. Before, the plugin edited so
    kept its cached pass, and so did the plugins reading a host module edited so."""
    long_ago = time.time() - 3600
    for path in host.rglob("*"):
        os.utime(path, (long_ago, long_ago))
    _, before = _cached(host)
    warm, counts = _cached(host)  # judged from the stats the first run kept
    assert counts[REUSED] == before[CHECKED] and warm == _uncached(host)
    greeter = host / "plugins" / "greeter" / "src" / "greeter" / "__init__.py"
    _same_size_edit(greeter, "def new()", "def old()")
    report, counts = _cached(host)
    assert "PC101" in _codes(report, "greeter")
    assert report == _uncached(host)
    assert counts[CHECKED] == 1
    api = host / "api" / "src" / "showcase_api" / "__init__.py"
    _same_size_edit(api, "class ConfigError", "class ConfigErrox")
    report, counts = _cached(host)
    assert "PC530" in _codes(report, "greeter")  # imports ConfigError from the API


def test_an_edited_host_module_rejudges_the_plugins_that_read_it(host: Path) -> None:
    _cached(host)
    api = host / "api" / "src" / "showcase_api" / "__init__.py"
    api.write_text(api.read_text().replace("class ConfigError", "class ConfigurationError"))
    report, counts = _cached(host)
    assert "PC530" in _codes(report, "greeter")  # imports ConfigError from the API
    assert report == _uncached(host)
    assert counts[CHECKED] > 1


def test_a_module_added_where_an_import_was_looked_for_is_seen(host: Path) -> None:
    greeter = host / "plugins" / "greeter" / "src" / "greeter" / "__init__.py"
    text = greeter.read_text().replace("API_VERSION =", "import cachehelper\n\nAPI_VERSION =")
    greeter.write_text(text)
    report, _ = _cached(host)
    assert "PC309" in _codes(report, "greeter")  # not installed
    # Installed where the host's imports resolve, outside the plugin's own files.
    (host / "api" / "src" / "cachehelper.py").write_text("")
    report, counts = _cached(host)
    assert "PC309" not in _codes(report, "greeter")
    assert report == _uncached(host)
    assert counts[CHECKED] >= 1


@pytest.mark.parametrize(
    "content",
    [
        b"\x00garbage{",
        b'{"format": 1, "plugins": [], "shared": {}}',
        b'{"format": 999, "plugins": {}, "shared": {}}',
    ],
    ids=["not-json", "wrong-shape", "other-format"],
)
def test_a_corrupt_cache_is_discarded_and_rebuilt(host: Path, content: bytes) -> None:
    first, _ = _cached(host)
    [cache_file] = (host.parent / "cache" / "static").glob("*.json")
    cache_file.write_bytes(content)
    report, counts = _cached(host)
    notes = report.pop("notes")
    assert isinstance(notes, list)
    assert any("discarded the static result cache" in n for n in notes)
    first.pop("notes")
    assert report == first
    assert counts[REUSED] == 0
    again, counts = _cached(host)  # rebuilt
    assert counts[CHECKED] == 0 and again["findings"] == first["findings"]


def test_a_malformed_entry_is_checked_again(host: Path) -> None:
    first, before = _cached(host)
    [cache_file] = (host.parent / "cache" / "static").glob("*.json")
    data = json.loads(cache_file.read_text())
    key = next(k for k in data["plugins"] if k.count("\0") == 1)
    data["plugins"][key]["findings"] = [{"code": 1}]
    cache_file.write_text(json.dumps(data))
    report, counts = _cached(host)
    assert report == first
    assert counts[CHECKED] == 1 and counts[REUSED] == before[CHECKED] - 1


def test_an_unwritable_cache_is_a_note_not_a_failure(host: Path) -> None:
    (host.parent / "cache").mkdir()
    (host.parent / "cache" / "static").write_text("a file where the directory goes")
    report, _ = _cached(host)
    notes = report.pop("notes")
    assert isinstance(notes, list)
    assert any("cannot be written" in n for n in notes)
    expected = _uncached(host)
    expected.pop("notes")
    assert report == expected


def test_a_cached_finding_keeps_the_step_it_predicts_fails(tmp_path: Path) -> None:
    """PC530 in register() is withdrawn only by a register() call that worked, never by the
    import: a cached finding that forgot its step was withdrawn by the import (a false pass)."""
    case = tmp_path / "case"
    shutil.copytree(TESTDATA / "rules" / "PC530" / "bad-package-binds-name", case)
    env = {"PYTHONPATH": str(case / "site")}
    args = ["check", str(case), "--no-mypy", "--output-format", "json"]
    args += ["--cache-dir", str(tmp_path / "cache")]
    for _ in range(2):  # cold, then warm
        proc = run_cli(*args, env=env)
        assert proc.returncode == 1, proc.stderr
        report = json.loads(proc.stdout)
        assert ("gone_signal", "PC530") in {(f["plugin"], f["code"]) for f in report["findings"]}


def test_shared_values_are_named_the_same_under_every_hash_seed(tmp_path: Path) -> None:
    """Shared values are named the same in every process: a set in a value's key is named by
    its sorted members, not in the order the process's hash seed gives (PC554's memo of what
    a plugin's imports load, keyed by the sets of modules it starts from and wants). Cold runs
    under other seeds name the same shared values, so no entry is written under a new name.
    Two plugins make the same value (one plugin's alone is kept in its entry)."""
    host = copy_host(TESTDATA / "rules" / "PC554" / "good-loaded-by-host", tmp_path / "host")
    for name in ("several.py", "several_too.py"):
        (host / "plugins" / name).write_text(
            "import email, json, logging, urllib, xml\n"
            "from plugapi import Plugin\n\n\n"
            "class Several:\n"
            "    def init(self, config) -> None:\n"
            "        self.parts = (urllib.parse, xml.dom, email.mime, logging.handlers, json)\n\n"
            "    def run(self) -> None:\n        return None\n\n"
            "    def shutdown(self, timeout: float) -> None:\n        return None\n\n\n"
            "def new() -> Plugin:\n    return Several()\n"
        )
    names = set()
    for seed in ("1", "2", "3", "4"):
        cache = tmp_path / f"cache-{seed}"
        proc = run_cli(
            "check", str(host), "--no-dynamic", "--no-mypy",
            "--cache-dir", str(cache), env={"PYTHONHASHSEED": seed},
        )  # fmt: skip
        assert proc.returncode in (0, 1), proc.stderr
        (written,) = (cache / "static").glob("*.json")
        data = json.loads(written.read_text())
        entries = data["plugins"].values()
        names.add((tuple(data["shared"]), tuple(tuple(e["shared"]) for e in entries)))
    ((shared, _),) = names  # one naming under every seed
    assert any(name.startswith("('PC554 loaded by imports', {") for name in shared), shared


def test_a_check_across_plugins_reads_each_plugin_from_its_entry(tmp_path: Path) -> None:
    """PC007 judges every plugin of the contract against the others from the registrations
    each one's entry keeps: a warm rerun parses nothing, an edit to one plugin parses that
    plugin again (not all of them) and judges the clash again, and a run on one plugin's path
    reads the others' registrations from their entries (each is its peer)."""
    host = copy_host(TESTDATA / "rules" / "PC007" / "bad", tmp_path / "host")
    args = ("--no-dynamic", "--no-mypy", "-v", "--cache-dir", str(tmp_path / "cache"))

    def clashes(*paths: Path) -> tuple[set[str], int]:
        proc = run_cli("check", *map(str, paths or (host,)), *args, "--output-format", "json")
        assert proc.returncode in (0, 1), proc.stderr
        data = json.loads(proc.stdout)
        found = {Path(f["path"]).name for f in data["findings"] if f["code"] == "PC007"}
        said = [line.rpartition(": ") for line in proc.stderr.splitlines()]
        return found, sum(int(n) for what, _, n in said if what.endswith(PARSED) and n.isdigit())

    cold, parsed_cold = clashes()
    assert "txt_b.py" in cold
    assert clashes() == (cold, 0)
    plugin = host / "plugins" / "txt_b.py"
    plugin.write_text(plugin.read_text().replace('"txt"', '"text"'))
    edited, parsed = clashes()
    assert 0 < parsed < parsed_cold and edited == cold - {"txt_b.py"}
    other = host / "plugins" / "rst_b.py"
    assert "rst_b.py" in edited and clashes(other)[0] == {"rst_b.py"}


def test_a_variable_unset_since_the_last_run_is_seen(tmp_path: Path) -> None:
    """PC543 asks whether the variable an import reads is set where plugcheck runs: a cold run
    with it set cached "no finding", and the rerun after it was unset reused that (a false
    pass of a plugin whose import raises KeyError; red team red52)."""
    host = copy_host(TESTDATA / "rules" / "PC543" / "bad", tmp_path / "host")
    args = ("check", str(host), "--no-dynamic", "--no-mypy", "--cache-dir", str(tmp_path / "c"))
    variable = "PLUGCHECK_DEMO_TOKEN_UNSET"

    def flagged(env: dict[str, str]) -> set[str]:
        proc = run_cli_here(*args, "--output-format", "json", env=env)
        assert proc.returncode in (0, 1), proc.stderr
        findings = json.loads(proc.stdout)["findings"]
        return {f["plugin"] for f in findings if f["code"] == "PC543"}

    assert "tokened" not in flagged({variable: "set"})
    assert "tokened" in flagged({})  # the same cache, the variable now unset


def test_a_value_made_from_the_siblings_rejudges_the_plugins_that_used_it(tmp_path: Path) -> None:
    """The contract's hookspecs are made once a run, with those every plugin adds: listener
    implements the hook extender adds. Once extender no longer adds it, the rerun made the
    hookspecs again while checking extender, and took that new value as the one listener's
    entry came from: listener's PC501 (pluggy rejects its unknown hook) was lost, a false pass
    from the cache (red team red54). An entry names the very value its findings came from."""
    host = copy_host(TESTDATA / "rules" / "PC501" / "good_addhooks_shard", tmp_path / "host")
    args = ("check", str(host), "--no-dynamic", "--no-mypy", "--cache-dir", str(tmp_path / "c"))

    def rejected(*paths: Path) -> set[str]:
        proc = run_cli_here(*args, *map(str, paths), "--output-format", "json")
        assert proc.returncode in (0, 1), proc.stderr
        findings = json.loads(proc.stdout)["findings"]
        return {f["plugin"] for f in findings if f["code"] == "PC501"}

    assert rejected() == set()
    extender = host / "plugins" / "extender" / "__init__.py"
    text = extender.read_text()
    extender.write_text(text.replace("method(newhooks)", "del newhooks"))
    assert rejected() == {"extender", "listener"}
    # Made again by a run on extender's path alone, the value listener's entry came from is
    # not the one its next run judges it by: that entry goes.
    extender.write_text(text)
    assert rejected(extender.parent) == set()
    assert rejected() == set()
    # Taken away and brought back: no file listener's entry read changed since it was made
    # without extender, but the contract's plugins did (before: its PC501 stayed, a false error).
    shutil.move(extender.parent, tmp_path / "away")
    assert rejected() == {"listener"}
    shutil.move(tmp_path / "away", extender.parent)
    assert rejected() == set()
