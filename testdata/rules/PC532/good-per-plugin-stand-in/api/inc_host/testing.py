"""The host's stand-in for includeme(config): a Configurator of the add-on's package, as the
host's include() builds one; ``plugin`` is the add-on module the host loaded."""

from __future__ import annotations

from types import ModuleType

from inc_host import Configurator


def config(plugin: ModuleType) -> Configurator:
    return Configurator(plugin.__name__)
