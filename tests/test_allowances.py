"""Host-declared allowances: per-contract selection, opt-in rules, and what a contract may allow."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from plugcheck.registry import wanted

from conftest import TESTDATA, cli_json, run_check, run_cli, run_cli_here

pytestmark = pytest.mark.harness


UNBOUNDED = TESTDATA / "rules" / "PC303" / "bad"


def _unbounded(tmp_path: Path, contract_keys: str = "") -> Path:
    """The PC303 bad case without its own selection, plus ``contract_keys``."""
    root = tmp_path / "host"
    shutil.copytree(UNBOUNDED, root, ignore=shutil.ignore_patterns("__pycache__"))
    config = root / "pyproject.toml"
    lines = [line for line in config.read_text().splitlines() if not line.startswith("select")]
    text = "\n".join(lines) + "\n"
    config.write_text(
        text.replace('search-path = ["api/src"]\n', f'search-path = ["api/src"]\n{contract_keys}')
    )
    return root


def _codes(root: Path, **options: object) -> set[str]:
    report = run_check(root, mypy=False, dynamic=False, **options)
    return {f.code for f in report.findings}


def test_an_opt_in_rule_is_off_by_default(tmp_path: Path) -> None:
    root = _unbounded(tmp_path)
    assert "PC303" not in _codes(root)
    assert "PC303" in _codes(root, select=("PC303",))
    assert "PC303" in _codes(root, select=("PC3",))


def test_a_contract_select_turns_an_opt_in_rule_on(tmp_path: Path) -> None:
    assert "PC303" in _codes(_unbounded(tmp_path, 'select = ["PC"]\n'))


def test_a_contract_ignore_beats_its_select(tmp_path: Path) -> None:
    root = _unbounded(tmp_path, 'select = ["PC3"]\nignore = ["PC303"]\n')
    assert "PC303" not in _codes(root)


def test_a_contract_extend_select_adds_an_opt_in_rule_to_the_rest(tmp_path: Path) -> None:
    # ruff's meaning: extend-select adds to the selection, where select replaces it.
    def case(name: str, keys: str = "") -> Path:
        root = _unbounded(tmp_path / name, keys)
        exportless = root / "plugins" / "loose" / "src" / "loose" / "__init__.py"
        exportless.write_text(exportless.read_text().replace("def new(", "def make("))
        return root

    assert _codes(case("default")) == {"PC101"}
    assert _codes(case("extended", 'extend-select = ["PC303"]\n')) == {"PC101", "PC303"}
    assert _codes(case("narrowed", 'select = ["PC2"]\nextend-select = ["PC303"]\n')) == {"PC303"}
    # An ignore of a shorter prefix does not beat it (longest prefix wins), one as long does.
    assert "PC303" in _codes(
        _unbounded(tmp_path / "ignored", 'extend-select = ["PC303"]\nignore = ["PC3"]\n')
    )
    assert "PC303" not in _codes(
        _unbounded(tmp_path / "both", 'extend-select = ["PC3"]\nignore = ["PC303"]\n')
    )


def test_run_and_contract_selection_must_both_choose_a_code(tmp_path: Path) -> None:
    root = _unbounded(tmp_path, 'select = ["PC303"]\n')
    assert _codes(root, select=("PC1",)) == set()
    assert _codes(root) == {"PC303"}


def test_a_bad_contract_selection_is_a_config_error(tmp_path: Path) -> None:
    root = _unbounded(tmp_path, 'ignore = "PC303"\n')
    proc = run_cli("check", str(root))
    assert proc.returncode == 2
    assert "contracts.demo.ignore: must be a list of rule codes" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = run_cli_here("check", str(_unbounded(tmp_path / "extend", 'extend-select = ["X"]\n')))
    assert proc.returncode == 2
    assert "contracts.demo.extend-select: must be a list of rule codes" in proc.stderr


def test_import_time_calls_must_be_dotted_names(tmp_path: Path) -> None:
    root = _unbounded(tmp_path, 'import-time-calls = ["linthost.MANAGER.register_transform()"]\n')
    proc = run_cli("check", str(root))
    assert proc.returncode == 2
    assert "import-time-calls: must be a list of dotted names" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_a_selection_never_hides_that_a_plugin_was_not_checked(tmp_path: Path) -> None:
    # PC420/bad: the sandbox refuses init() a socket, so the plugin's later steps (run,
    # shutdown) are not checked. Before, `--select PC40` (init to shutdown) left PC420 out:
    # "No findings", exit 0, for steps that never ran. A selection that chooses a dynamic rule
    # keeps what says the plugin was not checked; an ignore naming it drops it.
    root = tmp_path / "host"
    shutil.copytree(TESTDATA / "rules" / "PC420" / "bad", root)
    report = run_check(root, mypy=False, select=("PC40",))
    assert {f.code for f in report.findings} == {"PC420"}
    assert report.failed()
    config, contract = report.config, report.config.contracts[0].name
    assert not wanted("PC420", replace(config, select=("PC2",)), contract)  # nothing dynamic
    assert not wanted("PC420", replace(config, ignore=("PC420",)), contract)
    assert wanted("PC416", replace(config, select=("PC5",)), contract)


def test_output_is_log_makes_a_plugins_lines_information(tmp_path: Path) -> None:
    # sphinxext-opengraph prints a line into Sphinx's build log at import where matplotlib is
    # missing: in a host whose output is a log a person reads, that is information, at import
    # (PC110) and in a step (PC412) alike. Replacing the host's stream is still a warning.
    root = tmp_path / "host"
    shutil.copytree(TESTDATA / "rules" / "PC412" / "bad", root)
    config = root / "pyproject.toml"
    config.write_text(
        config.read_text().replace(
            'paths = ["plugins/*.py"]\n', 'paths = ["plugins/*.py"]\noutput-is-log = true\n'
        )
    )
    printer = root / "plugins" / "printer.py"
    printer.write_text(
        printer.read_text()
        .replace(
            "\n\nclass Printer:",
            '\nprint("printer: loaded")\nsys.stdout = sys.stdout\n\n\n'
            'def _boot() -> None:\n    print("printer: fast")\n    os.environ["PRINTER"] = "fast"\n'
            "\n\n_boot()\n\n\nclass Printer:",
        )
        .replace(
            "from __future__ import annotations\n",
            "from __future__ import annotations\n\nimport os\nimport sys\n",
        )
    )
    report = cli_json("check", str(root), "--no-mypy", here=True)
    found = {
        (f["code"], f["severity"], f["line"], "(output-is-log)" in str(f["message"]))
        for f in report["findings"]
    }
    printed, replaced, helper = 12, 13, 21
    assert found == {
        ("PC110", "info", printed, True),
        ("PC110", "warning", replaced, False),
        # A helper that prints and then changes the environment: the change is its reason
        # (before, the print was, and the whole call was information).
        ("PC110", "warning", helper, False),
        ("PC412", "info", printed, True),
    }
