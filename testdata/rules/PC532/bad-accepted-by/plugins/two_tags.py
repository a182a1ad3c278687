"""A converter of two tags without select_tag: the host's own check refuses it."""


class PointConverter:
    tags = ("point-1.0", "point-2.0")


def get_converters():  # expect: PC532
    return [PointConverter()]
