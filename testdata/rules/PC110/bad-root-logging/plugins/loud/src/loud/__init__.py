"""A plugin that configures the process's logging when it is imported."""

import logging

from plugapi import Plugin

logging.basicConfig(level=logging.DEBUG)  # expect: PC110
logging.info("loud loaded")  # expect: PC110
log = logging.getLogger(__name__)
log.addHandler(logging.StreamHandler())  # expect: PC110


class Loud:
    def run(self) -> str:
        return "loud"


def new() -> Plugin:
    return Loud()


__all__ = ["new"]
