"""The base class of plugins."""


class BasePlugin:
    config_scheme: tuple[tuple[str, object], ...] = ()
