"""Deterministic plugin shards for CI matrices: ``--shard I/N`` keeps a stable slice of plugins."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

from packaging.utils import canonicalize_name

from plugcheck.model import Plugin
from plugcheck.options import Options


def shard_of(contract: str, plugin: str, count: int) -> int:
    """The 1-based shard of ``plugin``: a stable hash of contract and plugin name.

    Plugins whose names are equal once normalised (``My_Plugin``, ``my-plugin``) share a shard,
    so cross-plugin checks (two plugins claiming one name) see both claimants in one shard.
    """
    digest = hashlib.sha256(f"{contract}\0{canonicalize_name(plugin)}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def in_shard(
    plugins: Sequence[Plugin],
    options: Options,
    together: Callable[[Plugin], str | None] | None = None,
) -> list[Plugin]:
    """The plugins this run checks: ``options.only`` names (normalised), then ``options.shard``;
    plugins for which ``together`` gives one value share a shard (a kind's check that judges
    them against each other sees both)."""
    chosen = list(plugins)
    if options.only:
        wanted = {canonicalize_name(name) for name in options.only}
        chosen = [p for p in chosen if canonicalize_name(p.name) in wanted]
    if options.shard is not None:
        index, count = options.shard
        chosen = [p for p in chosen if plugin_shard(p, count, together) == index]
    return chosen


def plugin_shard(
    plugin: Plugin, count: int, together: Callable[[Plugin], str | None] | None = None
) -> int:
    """The 1-based shard of ``plugin`` among ``count`` (what ``--shard`` and ``pytest
    --plugcheck``'s batches use): by name, or by what ``together`` says it shares."""
    shared = together(plugin) if together is not None else None
    # NUL cannot be in a plugin's name: a shared value never equals a name.
    return shard_of(plugin.contract, plugin.name if shared is None else f"\0{shared}", count)
