"""run() logs through a standard logger with the methods it has."""

import logging

logger = logging.getLogger(__name__)


class Tracer:
    def init(self, config) -> None:  # config: whatever the host passes
        self.config = config

    def run(self) -> None:
        logger.debug("running with %s", self.config)
        logger.log(5, "trace-level detail")

    def shutdown(self, timeout: float) -> None:
        logging.getLogger(__name__).info("stopped")


def new() -> Tracer:
    return Tracer()
