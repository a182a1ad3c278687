"""Reads what the host has, guarded by hasattr() in an expression (as mdx_include does)."""

import richtext

MAJOR = (
    richtext.__version_info__
    if hasattr(richtext, "__version_info__")
    else richtext.version_info
)[0]
LEGACY = hasattr(richtext, "compat") and richtext.compat


def make():
    return MAJOR, LEGACY
