"""A plugin that logs what it found when it is imported."""

import logging

from plugapi import Plugin

log = logging.getLogger(__name__)

try:
    import piexif  # noqa: F401
except ImportError:
    HAS_EXIF = False
    log.warning("piexif not found: no EXIF support")
else:
    HAS_EXIF = True
    log.debug("piexif found")


class Quiet:
    def run(self) -> str:
        return "quiet"


def new() -> Plugin:
    return Quiet()


__all__ = ["new"]
