"""`plugcheck init` proposes `preload-calls` (issue 14): a host like xonsh starts a session
before it loads its plugins, and its plugins read that session at import. init names the host's
own public function that starts it, on evidence in the host's code only: it needs no argument
and reaches, through the host's calls, both a write into builtins and the function that loads
the plugins; the nearest to the write of several (not `main()`, which goes through it). The
proposal, unedited, then checks such plugins for real: no PC423, and a real break still found."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import cli_json, run_cli_here, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.

SHELL = {
    "site/shellhost/__init__.py": "",
    "site/shellhost/session.py": """\
        import builtins


        class Session:
            def __init__(self):
                self.env = None

            def load(self, greeting="hello"):
                self.env = {"GREETING": greeting}
                self.link()

            def link(self):
                builtins.__shell__ = self


        SESSION = Session()
        """,
    "site/shellhost/extensions.py": """\
        import importlib

        from shellhost.session import SESSION


        def load_extension(name):
            module = importlib.import_module(name)
            entry = getattr(module, "_load_ext_", None)
            if entry is not None:
                entry(SESSION)


        def load_all(names=()):
            for name in names:
                load_extension(name)
        """,
    "site/shellhost/main.py": """\
        import sys

        from shellhost import session
        from shellhost.extensions import load_all


        def setup(extensions=()):
            \"\"\"Starts the shell's session, headless (for embedding).\"\"\"
            session.SESSION.load()
            load_all(extensions)


        def install_hooks():
            session.SESSION.load()  # starts it too, but loads no extension


        def main(argv=None):
            setup(argv or sys.argv[1:])
            raise SystemExit(0)


        def _start():
            session.SESSION.load()
            load_all()
        """,
}

PLUGINS = {
    "plugins/greet.py": """\
        GREETING = __shell__.env["GREETING"]


        def _load_ext_(shell):
            return None
        """,
    "plugins/broken.py": """\
        import shellhost.gone

        GREETING = __shell__.env["GREETING"]
        """,
}


def test_init_proposes_the_function_that_starts_the_session(tmp_path: Path) -> None:
    host = write_host(tmp_path / "host", files={**SHELL, **PLUGINS}, dedent=True)
    proc = run_cli_here("init", str(host / "site" / "shellhost"))
    assert proc.returncode == 0, proc.stderr
    assert 'preload-calls = ["shellhost.main:setup"]  # starts the host\'s session' in proc.stdout
    assert "main.py:7, 2 calls from a write into builtins" in proc.stdout, proc.stdout
    (host / "pyproject.toml").write_text(proc.stdout)
    # As the host is installed: its package importable in the environment the plugins run in.
    plugins = [str(host / "plugins" / name) for name in ("greet.py", "broken.py")]
    data = cli_json(
        "check",
        "--config",
        str(host / "pyproject.toml"),
        *plugins,
        env={"PYTHONPATH": str(host / "site")},
        here=True,
    )
    assert data["errors"] == [], data["errors"]
    found = {(f["plugin"], f["code"]) for f in data["findings"]}  # type: ignore[index]
    assert not any(code == "PC423" for _, code in found), found
    assert ("greet", "PC530") not in found and not any(p == "greet" for p, _ in found), found
    assert any(p == "broken" and c in ("PC530", "PC401") for p, c in found), found


def test_no_proposal_without_evidence(tmp_path: Path) -> None:
    # Two functions as near to the write: which one the host's user calls is not in the code.
    tied = {**SHELL}
    tied["site/shellhost/main.py"] = tied["site/shellhost/main.py"].replace(
        "def _start():", "def start():"
    )
    host = write_host(tmp_path / "tied", files={**tied, **PLUGINS}, dedent=True)
    proc = run_cli_here("init", str(host / "site" / "shellhost"))
    assert proc.returncode == 0, proc.stderr
    assert "preload-calls" not in proc.stdout, proc.stdout
    # A function that needs an argument is no call init can write.
    needs = {**SHELL}
    needs["site/shellhost/main.py"] = needs["site/shellhost/main.py"].replace(
        "def setup(extensions=()):", "def setup(extensions):"
    )
    host = write_host(tmp_path / "needs", files={**needs, **PLUGINS}, dedent=True)
    proc = run_cli_here("init", str(host / "site" / "shellhost"))
    # Nor main(), which goes through it (a program's entry, that parses the command line).
    assert "preload-calls" not in proc.stdout, proc.stdout
