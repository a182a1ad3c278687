"""An older module of the plugin, without new()."""


def make():
    return None
