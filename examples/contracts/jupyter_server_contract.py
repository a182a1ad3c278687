"""What jupyter_server 2 does with what an extension package's
``_jupyter_server_extension_points()`` returns (jupyter_server/extension/manager.py,
``ExtensionPackage._load_metadata``, then ``ExtensionManager.link_extension`` and
``load_extension``): each element becomes an ``ExtensionPoint``, whose metadata validation imports
the element's ``module`` (and builds its ``app``, an ExtensionApp class); the server needs a
loader there (``_load_jupyter_server_extension``, or the older ``load_jupyter_server_extension``):
without one it logs "extension failed loading". While it starts, the server then calls each
point's linker (``_link_jupyter_server_extension(serverapp)``, where there is one) and its loader
with itself: here a ServerApp initialised as ``jupyter server`` does, with no configuration files
read, no other extension found and no HTTP server bound.

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


def points(metadata: Any) -> None:
    """``ExtensionPoint(metadata=m)`` per element, the loader the server asks it for, then the
    point linked and loaded into a started server, in the server's order (every point linked,
    then every point loaded)."""
    from jupyter_server.extension.manager import ExtensionPoint

    found = []
    for element in metadata:
        point = ExtensionPoint(metadata=element)
        if not point.validate():  # the linker has a no-op default: the loader is missing
            raise LookupError(
                f"extension point {point.name!r}: {point.module!r} has no"
                " _load_jupyter_server_extension (nor load_jupyter_server_extension)"
            )
        found.append(point)
    if not found:
        return
    server = _server()
    for point in found:
        point.link(server)
    for point in found:
        point.load(server)
