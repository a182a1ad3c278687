"""Helpers of the demo host (version 2: `WHITESPACE`, `untitled`, `is_heading`,
`excerpt` and `old_helper` were removed; `slugify_v2` and `shorten` come in version 3)."""

CONTROL = frozenset(chr(i) for i in range(32))


def slugify(text: str) -> str:
    return text.lower().replace(" ", "-")
