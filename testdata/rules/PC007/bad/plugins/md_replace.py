from rhost.registry import register_renderer


class MarkdownTables:
    pass


register_renderer("md", MarkdownTables, replace=True)  # expect: PC007
