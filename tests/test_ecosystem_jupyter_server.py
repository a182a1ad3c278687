"""Jupyter Server as a real host in the slow suite: extension packages the server imports by
name, whose points it reads from ``_jupyter_server_extension_points()``, else from the older
``_jupyter_server_extension_paths()``, else from the package itself, then links and loads into a
started server (examples/contracts/jupyter_server.toml, which hands each package to the server's
own ``ExtensionPackage``).

As in test_ecosystems.py: a cached venv with the pinned server; the server's own start with each
extension enabled (``reraise_server_extension_failures``, so a failure it would log is raised) is
the oracle. The extensions are written here in the shapes older extensions still ship (the real
ones tried by hand are listed in the contract): only the legacy metadata function (one healthy,
one whose loader imports notebook 6's ``notebook.utils``), and no metadata function at all (one
healthy, one whose loader is misspelled). Each costs a server start, about 1.5 s of CPU.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_ecosystems import _cached_venv, _check, _errors, _run

pytestmark = pytest.mark.slow

SERVER = "jupyter_server==2.21.1"

EXTENSIONS = {
    "legacy_ok": """
from tornado.web import RequestHandler


class PingHandler(RequestHandler):
    def get(self):
        self.finish("pong")


def _jupyter_server_extension_paths():
    return [{"module": "legacy_ok"}]


def _load_jupyter_server_extension(serverapp):
    base = serverapp.web_app.settings["base_url"]
    serverapp.web_app.add_handlers(".*$", [(base + "legacy-ok/ping", PingHandler)])
""",
    "legacy_broken": """
def _jupyter_server_extension_paths():
    return [{"module": "legacy_broken"}]


def load_jupyter_server_extension(nbapp):
    from notebook.utils import url_path_join

    base = nbapp.web_app.settings["base_url"]
    nbapp.web_app.add_handlers(".*$", [(url_path_join(base, "legacy-broken"), object)])
""",
    "bare_ok": """
def _load_jupyter_server_extension(serverapp):
    serverapp.log.info("bare_ok loaded")
""",
    "bare_misspelled": """
def _load_jupyter_server_extensions(serverapp):
    serverapp.log.info("never called")
""",
}
BROKEN = {
    "legacy_broken": "No module named 'notebook'",
    "bare_misspelled": "_load_jupyter_server_extension function was not found",
}

_ORACLE = """
import json, os, sys, tempfile
os.environ["JUPYTER_NO_CONFIG"] = "1"
for variable in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR"):
    os.environ[variable] = tempfile.mkdtemp()
from jupyter_server.serverapp import ServerApp
result = {}
for name in sys.argv[1:]:
    app = ServerApp(jpserver_extensions={name: True}, reraise_server_extension_failures=True)
    try:
        app.initialize(
            argv=[f"--ServerApp.root_dir={tempfile.mkdtemp()}"],
            find_extensions=False,
            new_httpserver=False,
        )
    except BaseException as exc:
        result[name] = f"{type(exc).__name__}: {exc}"
    else:
        result[name] = "ok"
print(json.dumps(result))
"""


@pytest.mark.harness
def test_jupyter_server_extensions(tmp_path: Path) -> None:
    python = _cached_venv("jupyter-server", [SERVER], [])
    for name, source in EXTENSIONS.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text(source.lstrip())
    names = [*EXTENSIONS]
    proc = _run(python, "-c", _ORACLE, *names, cwd=tmp_path, PYTHONPATH=str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    started: dict[str, str] = json.loads(proc.stdout.strip().splitlines()[-1])
    for name in names:
        assert (started[name] == "ok") == (name not in BROKEN), (name, started[name])
    for name, said in BROKEN.items():
        assert said in started[name], (name, started[name])

    paths = [tmp_path / name for name in EXTENSIONS]
    data = _check(python, "jupyter_server.toml", *paths)
    assert set(names) <= {p["name"] for p in data["plugins"]}
    noise = [
        (f["plugin"], f["code"], f["message"])
        for f in data["findings"]
        if f["plugin"] not in BROKEN and f["severity"] != "info"
    ]
    assert noise == []
    for name, said in BROKEN.items():
        found = _errors(data, {name})
        assert [f["code"] for f in found] == ["PC532"], found
        assert said in found[0]["message"], found
