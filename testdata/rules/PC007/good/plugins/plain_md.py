from rhost import registry


class PlainMarkdown:
    pass


registry.register_renderer("md", PlainMarkdown)
