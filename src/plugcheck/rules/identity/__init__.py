"""Static type identity (docs/background.md): one API module object, imported under one name.

Two copies of the API package, or one copy imported under two module names, are two sets of
class objects: ``isinstance(obj, showcase_api.Plugin)`` in the host is false for an object whose
class came from the other copy. These rules find how a plugin could end up with such a copy.

Rooms: ``codes`` (the rules), ``api_view`` (the canonical API and the plugin's view of it),
``copies`` (PC351/PC352), ``path_hacks`` (PC353), ``local_types`` (PC354).
"""

from __future__ import annotations

from plugcheck.rules.identity import codes as codes
from plugcheck.rules.identity import copies as copies
from plugcheck.rules.identity import local_types as local_types
from plugcheck.rules.identity import path_hacks as path_hacks

__all__ = ["codes", "copies", "local_types", "path_hacks"]
