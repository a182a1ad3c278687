"""A formatter whose tools demo-lint requires only with its `yapf` (or `all`) extra."""

import demo_yapf  # expect: PC309
import whatthepatch  # expect: PC309


def run(text: str) -> str:
    return whatthepatch.apply_diff(demo_yapf.diff(text), text)
