"""Prefix mode: routines under demo_* names that are not Python functions."""

import functools

demo_startup = len  # expect: PC522


@functools.lru_cache(maxsize=None)
def demo_render(page, context):  # expect: PC522
    return page
