"""What Faker does with a community provider class: ``add_provider``, then its formatters."""

from __future__ import annotations

import inspect
import types
from typing import Any

_VARIADIC = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)


def generator() -> Any:
    """The generator ``Faker().add_provider(cls)`` builds each provider with: a fresh ``Faker()``'s
    own (en_US, Faker's standard providers loaded)."""
    from faker import Faker

    return Faker().factories[0]


def _localized(built: Any, plugin: Any) -> Any:
    """For a module that says ``localized = True``, the provider Faker's ``includes=`` route
    really builds: ``Factory._find_provider_class`` picks ``<module>.<locale>.Provider`` (or the
    module's ``default_locale``), never the module's own base ``Provider``."""
    from faker.config import DEFAULT_LOCALE
    from faker.factory import Factory

    if not isinstance(plugin, types.ModuleType) or not getattr(plugin, "localized", False):
        return built
    if getattr(plugin, "Provider", None) is not type(built):
        return built
    from faker.utils.loading import list_module

    # A user of a locale the provider supports: Faker's default one, else the module's own
    # default_locale, else the first it ships (faker-bill ships fa_IR only).
    available = sorted(list_module(plugin))
    locale = next(
        (x for x in (DEFAULT_LOCALE, getattr(plugin, "default_locale", "")) if x in available),
        available[0] if available else DEFAULT_LOCALE,
    )
    chosen, _, _ = Factory._find_provider_class(plugin.__name__, locale)
    return chosen(built.generator)


def add_and_format(built: Any, plugin: Any) -> None:
    """``generator.add_provider(provider)`` as Faker does, then each formatter the plugin's
    class adds (a public method of its own, not one of Faker's base classes) called as
    ``fake.<name>()`` and ``faker <name>`` call it: with no arguments, when it takes none."""
    provider = _localized(built, plugin)
    made = provider.generator
    made.add_provider(provider)
    for name in sorted(dir(type(provider))):
        if name.startswith("_"):
            continue
        owner = next((c for c in type(provider).__mro__ if name in vars(c)), None)
        if owner is None or owner.__module__.partition(".")[0] == "faker":
            continue  # one of Faker's own formatters, not the plugin's
        function = getattr(provider, name)
        if not callable(function) or inspect.isclass(function):
            continue
        try:
            parameters = inspect.signature(function).parameters.values()
        except (TypeError, ValueError):
            continue
        if any(p.default is p.empty and p.kind not in _VARIADIC for p in parameters):
            continue  # the user passes what it needs: no call stands for theirs
        getattr(made, name)()
