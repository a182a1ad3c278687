"""One extension, not in a list (the host takes it as the only element); it selects its tag."""


class LineExtension:
    tags = ("line-1.0", "line-2.0")

    def select_tag(self, obj: object, tags: list[str]) -> str:
        return tags[0]


def get_extensions():
    return LineExtension()
