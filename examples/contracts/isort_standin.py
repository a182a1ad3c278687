"""What isort passes its plugins, built with isort's own code (examples/contracts/isort.toml).

The sort function: ``config.sorting_function(to_sort, key=key, reverse=reverse)`` from
isort.sorting.sort, as output.py calls it for a section's ``import x`` lines. The formatter:
``config.formatting_function(code, extension, config)`` from output.py. A profile: the dict
isort keeps in ``isort.profiles.profiles`` under its entry point's name, which
``Config(profile=name)`` copies into the configuration it builds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def to_sort() -> list[str]:
    return ["sys", "os.path", "collections", "abc", "Zebra"]


def key() -> Callable[[str], Any]:
    from isort import sorting
    from isort.settings import Config

    config = Config()
    return lambda name: sorting.module_key(
        name, config, section_name="STDLIB", straight_import=True
    )


def reverse() -> bool:
    return False  # Config().reverse_sort


def code() -> str:
    return "import os\nimport sys\nfrom collections import OrderedDict, defaultdict"


def extension() -> str:
    return "py"


def config() -> Any:
    from isort.settings import Config

    return Config()


def profile(loaded: object) -> None:
    """Builds the configuration from the loaded profile as ``Config(profile=name)`` does
    (neither a settings file nor a settings path: nothing else is read)."""
    from isort.profiles import profiles
    from isort.settings import Config

    name = "plugcheck-profile"
    profiles[name] = loaded  # type: ignore[assignment]  # what the host's setdefault stores
    try:
        Config(profile=name)
    finally:
        del profiles[name]
