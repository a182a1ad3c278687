"""Helpers of the demo host (version 2: `warning_filter` was removed)."""


def slugify(text: str) -> str:
    return text.lower().replace(" ", "-")
