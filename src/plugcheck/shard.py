"""Deterministic plugin shards for CI matrices: ``--shard I/N`` keeps a stable slice of plugins."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

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


def in_shard(plugins: Sequence[Plugin], options: Options) -> list[Plugin]:
    """The plugins this run checks: ``options.only`` names (normalised), then ``options.shard``."""
    chosen = list(plugins)
    if options.only:
        wanted = {canonicalize_name(name) for name in options.only}
        chosen = [p for p in chosen if canonicalize_name(p.name) in wanted]
    if options.shard is not None:
        index, count = options.shard
        chosen = [p for p in chosen if shard_of(p.contract, p.name, count) == index]
    return chosen
