"""The host's own check of the converters a plugin returns, as it wraps each one."""

from collections.abc import Iterable


def accept(converters: Iterable[object]) -> None:
    for converter in converters:
        tags = getattr(converter, "tags", ())
        if len(tags) > 1 and not hasattr(converter, "select_tag"):
            raise RuntimeError("Converter handles multiple tags but does not implement select_tag")
