"""Prefix mode: only Python functions under demo_* names; other callables under other names."""

import functools


class demo_Settings:  # a class is not a routine: the manager skips it
    pass


demo_names = ("startup",)  # a value: skipped
render_length = len


@functools.lru_cache(maxsize=None)
def _cached_page(page):
    return page


def demo_render(page):
    return _cached_page(page)
