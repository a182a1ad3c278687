"""A class that does not derive from toolhost.Plugin in its own statement but through a base
of its own that does: issubclass holds."""

import toolhost


class _Base(toolhost.Plugin):
    pass


class Derived(_Base):
    pass


def plugin(version):
    return Derived
