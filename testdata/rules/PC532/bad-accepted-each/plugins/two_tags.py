"""Two extensions; the second handles two tags without select_tag: the host's proxy refuses it."""


class PointExtension:
    tags = ("point-1.0",)


class LineExtension:
    tags = ("line-1.0", "line-2.0")


def get_extensions():  # expect: PC532
    return [PointExtension(), LineExtension()]
