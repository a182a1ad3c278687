"""What jupyter_server 2 does with what an extension package's
``_jupyter_server_extension_points()`` returns (jupyter_server/extension/manager.py,
``ExtensionPackage._load_metadata``): each element becomes an ``ExtensionPoint``, whose metadata
validation imports the element's ``module`` (and builds its ``app``, an ExtensionApp class);
loading the point then needs a loader there (``_load_jupyter_server_extension``, or the older
``load_jupyter_server_extension``): without one the server logs "extension failed loading".
"""

from __future__ import annotations

from typing import Any


def points(metadata: Any) -> None:
    """``ExtensionPoint(metadata=m)`` per element, and the loader the server then asks it for."""
    from jupyter_server.extension.manager import ExtensionPoint

    for element in metadata:
        point = ExtensionPoint(metadata=element)
        if not point.validate():  # the linker has a no-op default: the loader is missing
            raise LookupError(
                f"extension point {point.name!r}: {point.module!r} has no"
                " _load_jupyter_server_extension (nor load_jupyter_server_extension)"
            )
