"""Suppression comments, per-plugin ignores, --show-suppressed, and --shard."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import jsonschema
import pytest
from demo_host import API, CONTRACT, GOOD, demo_host

from plugcheck import Options, check

from conftest import ROOT, TESTDATA, run_cli_here

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.


SHOWCASE = TESTDATA / "showcase"
FAST = ("--no-dynamic", "--no-mypy")

EAGER = """\
from demo_api import Plugin

print("loading"){comment}


def new() -> Plugin:
    return Plugin()
"""


def _codes(root: Path, **options: object) -> list[tuple[str, str]]:
    settings: dict[str, object] = {"dynamic": False, "mypy": False, **options}
    report = check(Options(paths=(root,), **settings))  # type: ignore[arg-type]
    return [(f.plugin, f.code) for f in report.findings]


def test_comment_on_the_finding_line(tmp_path: Path) -> None:
    root = demo_host(
        tmp_path,
        {
            "loud": EAGER.format(comment=""),
            "quiet": EAGER.format(comment="  # plugcheck: ignore[PC110]"),
            "prefix": EAGER.format(comment="  # plugcheck: ignore[PC1]"),
            "other": EAGER.format(comment="  # plugcheck: ignore[PC101]"),
            # Line 3's comment is on line 3, as Python counts: str.splitlines() also ends a line
            # at a form feed and at U+2028, and put it on line 5, the print's (red team red56).
            "covert": "from demo_api import Plugin\n# notes\x0c\u2028\n"
            "X = 1  # plugcheck: ignore[PC110]\n\n" + EAGER.format(comment="").partition("\n\n")[2],
            # Its cookie's codec makes `\u000a` a line of its own: Python's line 4 is the print,
            # the comment below it is line 5 (read as UTF-8, line 4: it silenced the print).
            "codec": "# coding: unicode_escape\nfrom demo_api import Plugin  # \\u000a\n"
            'print("loading")\nX = 1  # plugcheck: ignore[PC110]\n\n\n'
            "def new() -> Plugin:\n    return Plugin()\n",
        },
    )
    assert sorted(_codes(root)) == [
        ("codec", "PC110"),
        ("codec", "PC901"),
        ("covert", "PC110"),
        ("covert", "PC901"),
        ("loud", "PC110"),
        ("other", "PC110"),
        ("other", "PC901"),
    ]


def test_a_comment_added_to_a_file_found_without_any_is_seen(tmp_path: Path) -> None:
    """A file the last run found without suppression comments is not read again while its
    stamp holds (the run's cache keeps it): a comment written into it since, keeping the
    file's size, still silences the finding."""
    root = demo_host(tmp_path, {"loud": EAGER.format(comment="  # plugcheck= ignore[PC110]")})
    long_ago = time.time() - 3600
    for path in root.rglob("*"):
        os.utime(path, (long_ago, long_ago))
    assert _codes(root) == [("loud", "PC110")]
    assert _codes(root) == [("loud", "PC110")]  # judged from the kept stamp
    plugin = root / "plugins" / "loud" / "__init__.py"
    size = plugin.stat().st_size
    plugin.write_text(EAGER.format(comment="  # plugcheck: ignore[PC110]"))
    assert plugin.stat().st_size == size
    assert _codes(root) == []


def test_comment_on_the_related_definition_line(tmp_path: Path) -> None:
    """PC003 points back at the first claim; a comment there silences the finding."""
    for directory, extra in (("a", ""), ("b", "  # plugcheck: ignore[PC003]")):
        project = tmp_path / "plugins" / directory
        (project / "dup").mkdir(parents=True)
        (project / "dup" / "__init__.py").write_text(
            "from demo_api import Plugin\n\n\ndef new() -> Plugin:\n    return Plugin()\n"
        )
        (project / "pyproject.toml").write_text(f'[project]\nname = "dup"{extra}\n')
    (tmp_path / "api" / "demo_api").mkdir(parents=True)
    (tmp_path / "api" / "demo_api" / "__init__.py").write_text(API)
    (tmp_path / "pyproject.toml").write_text(CONTRACT.format(extra="keyed-by-name = true\n"))
    plain = check(Options(paths=(tmp_path,), show_suppressed=True, dynamic=False, mypy=False))
    duplicates = plain.findings + plain.suppressed
    assert [f.code for f in duplicates] == ["PC003"]
    finding = duplicates[0]
    lines = {finding.location.path.parent.name, finding.related[0].location.path.parent.name}
    assert lines == {"a", "b"}
    assert plain.findings == [], "the comment on either claim silences the pair"


def test_per_plugin_ignores_and_show_suppressed(tmp_path: Path) -> None:
    extra = 'per-plugin-ignores = { loud = ["PC110"], other = ["PC2"] }\n'
    root = demo_host(
        tmp_path,
        {"loud": EAGER.format(comment=""), "other": EAGER.format(comment="")},
        extra=extra,
    )
    assert _codes(root) == [("other", "PC110")]
    proc = run_cli_here("check", str(root), *FAST, "--show-suppressed")
    assert proc.returncode == 1
    suppressed = [line for line in proc.stdout.splitlines() if "(suppressed)" in line]
    assert len(suppressed) == 1 and "[loud]" in suppressed[0]
    assert proc.stdout.rstrip().endswith("(1 suppressed)")
    data = json.loads(run_cli_here("check", str(root), *FAST, "--output-format", "sarif").stdout)
    assert all("suppressions" not in r for r in data["runs"][0]["results"])
    data = json.loads(
        run_cli_here(
            "check", str(root), *FAST, "--output-format", "sarif", "--show-suppressed"
        ).stdout
    )
    kinds = [r.get("suppressions") for r in data["runs"][0]["results"]]
    assert kinds.count([{"kind": "inSource"}]) == 1


def test_bad_per_plugin_ignores_is_a_usage_error(tmp_path: Path) -> None:
    root = demo_host(tmp_path, {"loud": EAGER.format(comment="")}, 'per-plugin-ignores = ["x"]\n')
    proc = run_cli_here("check", str(root))
    assert proc.returncode == 2
    assert "per-plugin-ignores" in proc.stderr and "Traceback" not in proc.stderr
    (root / "pyproject.toml").write_text(
        CONTRACT.format(extra='per-plugin-ignores = { loud = ["E501"] }\n')
    )
    proc = run_cli_here("check", str(root))
    assert proc.returncode == 2 and "'E501' is not a rule code" in proc.stderr


def test_unused_only_judged_for_rules_that_ran(tmp_path: Path) -> None:
    root = demo_host(tmp_path, {"fine": EAGER.format(comment="  # plugcheck: ignore[PC110]")})
    (root / "plugins" / "fine" / "__init__.py").write_text(
        "from demo_api import Plugin  # plugcheck: ignore[PC110]\n\n\n"
        "def new() -> Plugin:\n    return Plugin()\n"
    )
    assert _codes(root) == [("fine", "PC901")]
    assert _codes(root, select=("PC1",)) == []
    assert _codes(root, ignore=("PC901",)) == []


@pytest.mark.parametrize("count", [2, 3])
def test_shards_partition_the_run(count: int, tmp_path: Path) -> None:
    plugins = {f"p{i}": EAGER.format(comment="") for i in range(12)}
    # The showcase (every kind) statically; a small host with the harness too.
    hosts = [(SHOWCASE, {"dynamic": False, "mypy": False}), (demo_host(tmp_path, plugins), {})]
    for host, passes in hosts:
        whole = check(Options(paths=(host,), **passes))  # type: ignore[arg-type]
        shards = [
            check(Options(paths=(host,), shard=(i, count), **passes))  # type: ignore[arg-type]
            for i in range(1, count + 1)
        ]
        names = [sorted(p.name for p in s.plugins) for s in shards]
        assert sorted(n for part in names for n in part) == sorted(p.name for p in whole.plugins)
        assert sum(1 for part in names if part) >= 2 or len(whole.plugins) < 4
        union = sorted((f for s in shards for f in s.findings), key=lambda f: f.sort_key)
        assert union == whole.findings
        again = check(Options(paths=(host,), shard=(1, count), **passes))  # type: ignore[arg-type]
        assert again.findings == shards[0].findings, "shards are deterministic"


def test_shard_option_is_validated() -> None:
    for bad in ("0/2", "3/2", "x", "1/0"):
        proc = run_cli_here("check", str(SHOWCASE), "--shard", bad)
        assert proc.returncode == 2 and "--shard" in proc.stderr


def test_json_lists_suppressed_findings_per_schema() -> None:
    schema = json.loads((ROOT / "src" / "plugcheck" / "report" / "report.schema.json").read_text())
    good = TESTDATA / "rules" / "PC901" / "good"
    data = json.loads(
        run_cli_here(
            "check", str(good), *FAST, "--show-suppressed", "--output-format", "json"
        ).stdout
    )
    jsonschema.validate(data, schema)
    assert [f["code"] for f in data["suppressed"]] == ["PC110", "PC110"]
    assert data["findings"] == []


def test_markers_inside_strings_are_not_suppressions(tmp_path: Path) -> None:
    quoted = (
        '"""Silence it with\n\n    print("x")  # plugcheck: ignore[PC110]\n"""\n\n'
        "from demo_api import Plugin\n\n"
        "HINT = 'add # plugcheck: ignore[PC101] to silence'\n\n\n"
        "def new() -> Plugin:\n    return Plugin()\n"
    )
    eager = EAGER.format(comment="  # plugcheck: ignore[PC110]") + 'TIP = "# plugcheck: x"\n'
    # A string a backslash continues onto the next line: the marker there is its text (before,
    # read as a comment, it silenced the print on that line; red team red56).
    continued = EAGER.format(comment="").replace(
        'print("loading")', 'HELP = "usage: \\\n# plugcheck: ignore[PC110]"; print(HELP)'
    )
    # A triple quote inside a one-line string: counting them said the next one closed a
    # string it opens, and the marker in that string silenced the print (red team red56).
    parity = EAGER.format(comment="").replace(
        'print("loading")', 'A = \'"""\'\nB = """\n# plugcheck: ignore[PC110]"""; print(B)'
    )
    plugins = {"quoted": quoted, "eager": eager, "continued": continued, "parity": parity}
    root = demo_host(tmp_path, plugins)
    assert sorted(_codes(root)) == [("continued", "PC110"), ("parity", "PC110")]


def test_unused_per_plugin_ignores_judged_only_for_plugins_that_ran(tmp_path: Path) -> None:
    extra = 'per-plugin-ignores = { loud = ["PC110", "PC2"], quiet = ["PC1"], gone = ["PC1"] }\n'
    root = demo_host(
        tmp_path,
        {"loud": EAGER.format(comment=""), "quiet": GOOD},
        extra=extra,
    )
    report = check(Options(paths=(root,), dynamic=False, mypy=False))
    unused = sorted((f.plugin, f.location.line, f.message) for f in report.findings)
    line = CONTRACT.format(extra=extra).splitlines().index(extra.strip()) + 1
    assert [(plugin, at) for plugin, at, _ in unused] == [("gone", line), ("quiet", line)]
    assert "has no plugin of that name" in unused[0][2]
    assert 'quiet = ["PC1"] silences nothing' in unused[1][2]
    # PC2 was not judged: the mypy pass did not run. A shard, or one plugin path, cannot tell
    # whether a plugin named 'gone' exists.
    sharded = check(Options(paths=(root,), dynamic=False, mypy=False, shard=(1, 1)))
    assert [f.plugin for f in sharded.findings] == ["quiet"]
    one = check(
        Options(
            paths=(root / "plugins" / "quiet",),
            config=root / "pyproject.toml",
            dynamic=False,
            mypy=False,
        )
    )
    assert [f.plugin for f in one.findings] == ["quiet"]


def test_github_notice_counts_suppressed_findings(tmp_path: Path) -> None:
    root = demo_host(
        tmp_path,
        {
            "loud": EAGER.format(comment="  # plugcheck: ignore[PC110]"),
            "other": EAGER.format(comment=""),
        },
        extra='per-plugin-ignores = { other = ["PC1"] }\n',
    )
    args = ("check", str(root), *FAST, "--output-format", "github")
    assert "::notice title=plugcheck suppressions" not in run_cli_here(*args).stdout
    proc = run_cli_here(*args, "--show-suppressed")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    notices = [line for line in proc.stdout.splitlines() if "plugcheck suppressions" in line]
    assert notices == [
        "::notice title=plugcheck suppressions::2 findings silenced by suppressions (PC110 x2)"
    ]
