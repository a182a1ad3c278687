"""Helpers with their import; a name read only when called is not the import's."""

import functools


@functools.cache
def banner(greeting: str) -> str:
    return greeting.upper()


def later() -> str:
    return PREFIX  # type: ignore[name-defined]  # noqa: F821 - read only when called
