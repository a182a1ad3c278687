"""Logs through a standard logger with the methods it has."""

import logging as log

from demo_host import hookimpl

logger = log.getLogger(__name__)


@hookimpl
def demo_startup(config):
    logger.debug("starting")
