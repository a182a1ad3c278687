"""What jupyter_server 2 does with an extension package it is told to enable
(jupyter_server/extension/manager.py): ``ExtensionPackage(name=..., enabled=True)`` imports the
package and reads its metadata with ``utils.get_metadata`` --
``_jupyter_server_extension_points()``, else the older ``_jupyter_server_extension_paths()``,
else the package itself as its one point -- and makes each element an ``ExtensionPoint``, whose
validation imports the element's ``module`` (and builds its ``app``, an ExtensionApp class).
While it starts, the server links every point (``_link_jupyter_server_extension(serverapp)``,
where there is one) and then loads it with its loader (``_load_jupyter_server_extension``, or
the older ``load_jupyter_server_extension``: without either, ``get_loader`` raises and the
server logs "extension failed loading"). Here the server's own classes do all of that, with a
ServerApp initialised as ``jupyter server`` does, with no configuration files read, no other
extension found and no HTTP server bound.

Imported as the contract's first preload, before any extension: the server's configuration, data
and runtime directories then lie in the temporary directory, which plugin processes may write,
where an extension computes a path under them while it is imported (jupyter-server-fileid's
database: under the user's data directory in a real server, which plugcheck's sandbox refuses).
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

_ROOT = os.path.join(tempfile.gettempdir(), "plugcheck-jupyter")
_FOLDERS = {
    "JUPYTER_CONFIG_DIR": "config",
    "JUPYTER_DATA_DIR": "data",
    "JUPYTER_RUNTIME_DIR": "run",
}
for _variable, _folder in _FOLDERS.items():
    os.environ[_variable] = os.path.join(_ROOT, _folder)
os.environ["JUPYTER_NO_CONFIG"] = "1"  # the user's and the environment's files: not read


def _server() -> Any:
    """A started ServerApp of its own, with no extension but the one checked."""
    # Made here: each plugin's process has a temporary directory of its own.
    for variable in _FOLDERS:
        os.makedirs(os.environ[variable], exist_ok=True)
    root = tempfile.mkdtemp(prefix="plugcheck-jupyter-root-")
    from jupyter_server.serverapp import ServerApp

    app = ServerApp()
    app.initialize(
        argv=[f"--ServerApp.root_dir={root}", "--ServerApp.open_browser=False"],
        find_extensions=False,
        new_httpserver=False,
    )
    return app


def package(module: Any) -> None:
    """The extension package as the server enables it: its metadata read and its points built
    by the server's ``ExtensionPackage``, then every point linked into a started server and every
    point loaded, in the server's order (``ExtensionManager.link_all_extensions``, then
    ``load_all_extensions``)."""
    from jupyter_server.extension.manager import ExtensionPackage

    extension = ExtensionPackage(name=module.__name__, enabled=True)
    server = _server()
    extension.link_all_points(server)
    extension.load_all_points(server)
