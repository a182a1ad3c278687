"""Returns its class subscripted, but the class's __class_getitem__ hands back the class."""

from toolhost import Plugin


class Tagged(Plugin):
    def __class_getitem__(cls, item):
        return cls


def plugin(version):
    return Tagged[int]
