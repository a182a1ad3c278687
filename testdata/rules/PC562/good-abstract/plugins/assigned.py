"""check is bound by an assignment in the class body: the class is concrete."""

from checkhost import Checker


def _check(self, text):
    return text.split()


class _Base(Checker):
    """A local base that adds nothing."""


class Words(_Base):
    check = _check


def plugin(registry, options):
    return Words
