"""A clean plugin: nothing for its per-plugin ignore to silence."""

from demo_api import Plugin


def new() -> Plugin:
    return Plugin()
