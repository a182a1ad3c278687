from rhost.registry import register_renderer


class FancyMarkdown:
    pass


register_renderer("md", FancyMarkdown)
