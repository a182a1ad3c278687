"""A host that binds `embed` lazily (quill.config was removed in this version)."""

from typing import Any


def __getattr__(name: str) -> Any:
    if name == "embed":
        from quill.shell import embed

        return embed
    raise AttributeError(name)
