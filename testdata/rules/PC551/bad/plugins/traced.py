"""Logs at loguru's TRACE level through a standard logger, which has no trace()."""

import logging as log

from demo_host import hookimpl

logger = log.getLogger(__name__)


@hookimpl
def demo_startup(config):
    logger.trace("starting")  # expect: PC551
