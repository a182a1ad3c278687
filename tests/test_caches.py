"""Caches cannot be poisoned into a crash or a wrong answer: a corrupt cache is discarded and
rebuilt with a note, the per-user seed holds typeshed's stdlib only, strict runs keep apart."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import mypy
import pytest

from plugcheck import Options, Report, check

from conftest import TESTDATA, copy_host

pytestmark = pytest.mark.harness


CASE = TESTDATA / "rules" / "PC208" / "bad"  # a PC208 (strict only) and the mypy pass
STDLIB = {
    line.partition(":")[0].strip()
    for line in (Path(mypy.__file__).parent / "typeshed" / "stdlib" / "VERSIONS").open()
    if ":" in line and not line.startswith("#")
}


def _host(where: Path) -> Path:
    return copy_host(CASE, where)


def _run(host: Path, **options: object) -> Report:
    return check(Options(paths=(host,), dynamic=False, **options))  # type: ignore[arg-type]


def _findings(report: Report, host: Path) -> list[tuple[str, str, int, str]]:
    return sorted(
        (
            f.code,
            f.location.path.resolve().relative_to(host.resolve()).as_posix(),
            f.location.line,
            f.message,
        )
        for f in report.findings
    )


def _entries(cache: Path) -> list[str]:
    entries = []
    for db in sorted(cache.rglob("*.db")):
        with sqlite3.connect(db) as conn:
            entries += [row[0] for row in conn.execute("SELECT path FROM files2")]
    return entries


@pytest.fixture
def seed_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "plugcheck" / "mypy-seed"


def test_the_seed_holds_typeshed_stdlib_only_and_serves_another_checkout(
    tmp_path: Path, seed_home: Path
) -> None:
    first = _host(tmp_path / "checkout-a")
    _run(first, strict_plugins=True, cache_dir=tmp_path / "cache-a")
    entries = _entries(seed_home)
    assert entries, "the first build keeps a seed"
    assert {e.split("/")[0].split(".")[0] for e in entries} <= STDLIB, entries
    # Another checkout of the same project, with the same module names, on the same machine:
    # the seed must not hide its own findings (PC208 was lost this way).
    second = _host(tmp_path / "checkout-b")
    report = _run(second, strict_plugins=True, cache_dir=tmp_path / "cache-b")
    assert "PC208" in {f.code for f in report.findings}
    assert all(f.location.path.resolve().is_relative_to(second.resolve()) for f in report.findings)


def test_a_strict_run_does_not_reuse_a_plain_runs_cache(tmp_path: Path) -> None:
    host = _host(tmp_path / "host")
    cache = tmp_path / "cache"
    assert "PC208" not in {f.code for f in _run(host, cache_dir=cache).findings}
    assert "PC208" in {f.code for f in _run(host, cache_dir=cache, strict_plugins=True).findings}
    assert len(list((cache / "mypy").iterdir())) == 2
    assert "PC208" not in {f.code for f in _run(host, cache_dir=cache).findings}


def _garbage_files(cache: Path) -> None:
    for db in cache.rglob("*.db"):
        db.write_bytes(b"not a database, but a plugin's idea of a joke\n")


def _garbage_rows(cache: Path) -> None:
    for db in cache.rglob("*.db"):
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE files2 SET data = x'7b226a736f6e223a20a0ff'")


@pytest.mark.parametrize("spoil", [_garbage_files, _garbage_rows], ids=["not-a-db", "garbage"])
def test_a_corrupt_cache_is_discarded_and_rebuilt(
    tmp_path: Path, seed_home: Path, spoil: object
) -> None:
    host = _host(tmp_path / "host")
    cache = tmp_path / "cache"
    clean = _run(host, cache_dir=cache)
    assert callable(spoil)
    spoil(cache)
    spoil(seed_home)
    # Unchanged inputs would reuse the mypy pass's findings without opening mypy's cache at all
    # (static/typecheck/reuse.py); without them, mypy runs on the spoiled cache.
    shutil.rmtree(cache / "mypy-results")
    again = _run(host, cache_dir=cache)
    assert _findings(again, host) == _findings(clean, host)
    assert [n for n in again.notes if "discarded the mypy cache" in n], again.notes
    assert not again.crashes
    # Rebuilt: the next run uses it quietly.
    assert not [n for n in _run(host, cache_dir=cache).notes if "mypy cache" in n]


def test_a_corrupt_seed_is_discarded_and_rebuilt(tmp_path: Path, seed_home: Path) -> None:
    first = _host(tmp_path / "a")
    clean = _run(first, cache_dir=tmp_path / "cache-a")
    _garbage_files(seed_home)
    second = _host(tmp_path / "b")
    report = _run(second, cache_dir=tmp_path / "cache-b")  # a new cache starts from the seed
    assert _findings(report, second) == _findings(clean, first)
    assert [n for n in report.notes if "and the per-user seed" in n], report.notes
    assert _entries(seed_home), "a new seed was kept"


def test_an_unusable_cache_directory_is_a_note(tmp_path: Path) -> None:
    host = _host(tmp_path / "host")
    clean = _run(host, cache=False)
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache directory should be\n")
    report = _run(host, cache_dir=blocked)
    assert _findings(report, host) == _findings(clean, host)
    assert [n for n in report.notes if "cannot be used" in n and "checked without it" in n]


def test_a_run_on_testdata_writes_nothing_there() -> None:
    # The suite's caches live in a temporary directory (conftest: PLUGCHECK_CACHE_DIR).
    before = sorted(CASE.rglob("*"))
    _run(CASE, strict_plugins=True)
    assert sorted(CASE.rglob("*")) == before
