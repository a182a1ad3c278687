from rhost.registry import register_renderer


class FancyMarkdown:
    pass


# A plugin's comment silences its own findings only, never those of the siblings that point
# here (plain_md's PC007: its import fails in the host).
register_renderer("md", FancyMarkdown)  # plugcheck: ignore[PC007]
