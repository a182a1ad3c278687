"""A Hypothesis-like host: setup hooks register backends by dotted path; a test that asks for one
imports it then and calls ``draw(kind, for_failure=...)``."""

import importlib

BACKENDS = {"host": "demo_host.unfinished:Backend"}  # the host's own, not a plugin's


def use(name: str) -> object:
    module, _, attr = BACKENDS[name].rpartition(".")
    backend = getattr(importlib.import_module(module), attr)()
    return backend.draw("integer", for_failure=False)


def run_backends(_result: object, plugin: object) -> None:
    """Each backend the plugin's own package registered is used once (``plugin``: the module
    the host loaded, or the function its entry point names)."""
    own = str(getattr(plugin, "__module__", None) or getattr(plugin, "__name__", "")).partition(".")[0]
    for name, path in sorted(BACKENDS.items()):
        if path.partition(".")[0] == own:
            use(name)
