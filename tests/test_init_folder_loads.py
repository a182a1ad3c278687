"""`plugcheck init` on hosts that glob a folder for plugin files and load each by its path
(`spec_from_file_location`; issue 14, task host49 item 3, out48's phost): the folder is the
contract's `paths` where the host's code says which it is, else a TODO says what to fill in."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugcheck.config import load_config
from plugcheck.kinds import available

from conftest import run_cli_here, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.


@pytest.mark.parametrize(
    ("folder", "proposed"),
    [
        # out48's loader.py: a command-line argument, "plugins" by default.
        (
            'Path(sys.argv[1] if len(sys.argv) > 1 else "plugins")',
            'paths = ["plugins/*.py"]  # the host loads each file it globs there: runner.py:',
        ),
        # A folder beside the host's module, through a module constant.
        (
            "HERE / ADDONS",
            'paths = ["apphost/addons/*.py"]  # the host loads each file it globs there:'
            " apphost/runner.py:",
        ),
        # Only a required argument says which: nothing to propose.
        (
            "Path(sys.argv[1])",
            "paths = [\"plugins/*.py\"]  # TODO: the folder the host globs for '*.py' and loads"
            " each file of (plugdir, apphost/runner.py:",
        ),
    ],
)
def test_the_globbed_folder_is_the_contract_paths(
    tmp_path: Path, folder: str, proposed: str
) -> None:
    runner = f"""\
        import importlib.util
        import sys
        from pathlib import Path

        HERE = Path(__file__).parent
        ADDONS = "addons"


        def load(path):
            spec = importlib.util.spec_from_file_location(path.stem, path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module


        def cleanup(root):
            for left in root.iterdir():  # a folder the host lists, no plugin folder
                left.unlink()


        def main():
            plugdir = {folder}
            for path in sorted(plugdir.glob("*.py")):
                load(path).setup()
        """
    name = "runner.py" if folder.startswith("Path(sys.argv[1] if") else "apphost/runner.py"
    files = {name: runner, "apphost/__init__.py": ""}
    host = write_host(tmp_path / "host", files=files, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    assert proposed in proc.stdout, proc.stdout
    assert proc.stdout.count("paths = ") == 1, proc.stdout
    (host / "pyproject.toml").write_text(proc.stdout)
    load_config(host / "pyproject.toml", available())  # the proposal is a valid configuration
