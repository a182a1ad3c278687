"""run() logs at loguru's TRACE level through a standard logger, which has no trace()."""

import logging

logger = logging.getLogger(__name__)


class Tracer:
    def init(self, config) -> None:  # config: whatever the host passes
        self.config = config

    def run(self) -> None:
        logger.trace("running with %s", self.config)  # expect: PC551

    def shutdown(self, timeout: float) -> None:
        logging.getLogger(__name__).success("stopped")  # expect: PC551


def new() -> Tracer:
    return Tracer()
