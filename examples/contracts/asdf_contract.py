"""What asdf does with what an ``asdf.extensions`` / ``asdf.resource_mappings`` entry point's
function returns (asdf/_entry_points.py, ``_list_entry_points``): a list, or one element, each
wrapped in the host's proxy class, whose constructor validates it (an ``Extension`` and each of
its converters: a converter of several tags must implement ``select_tag``; a resource mapping
must be a ``Mapping``). A proxy that raises is asdf's "plugin ... failed to load" warning, and
that element is not used.
"""

from __future__ import annotations

from typing import Any


def _each(elements: Any) -> list[Any]:
    return elements if isinstance(elements, list) else [elements]


def extensions(elements: Any) -> None:
    """``ExtensionProxy(element, package_name=..., package_version=...)`` per element."""
    from asdf.extension import ExtensionProxy

    for element in _each(elements):
        ExtensionProxy(element, package_name="plugin", package_version="0")


def resource_mappings(elements: Any) -> None:
    """``ResourceMappingProxy(element, package_name=..., package_version=...)`` per element."""
    from asdf.resource import ResourceMappingProxy

    for element in _each(elements):
        ResourceMappingProxy(element, package_name="plugin", package_version="0")
