from rhost import registry

MD = "md"


class PlainMarkdown:
    pass


registry.register_renderer(MD, PlainMarkdown)  # expect: PC007
