"""Plugins the host's own distribution ships (keyring's built-in backends in its own
``keyring.backends`` group): loaded on every host run whatever the user installs, so what their
import does is the host's work, which no plugin author can change."""

from __future__ import annotations

from packaging.utils import canonicalize_name

from plugcheck.model import Contract, Plugin


def shipped_by_host(plugin: Plugin, contract: Contract) -> str | None:
    """The host's distribution name when it advertises ``plugin`` itself, else ``None``."""
    ep = plugin.entry_point
    host = contract.api_distribution
    if ep is None or not ep.distribution or not host:
        return None
    return host if canonicalize_name(ep.distribution) == canonicalize_name(host) else None
