"""Lifts its memory limit (to unlimited, else soft up to hard) and allocates 1.5 GiB."""

import contextlib
import resource


class P:
    def init(self, config):  # expect: PC420
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY,) * 2)
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
        self.block = bytearray(1536 << 20)

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
