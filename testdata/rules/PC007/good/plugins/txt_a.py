from rhost import registry


class Text:
    pass


registry.RENDERERS["txt"] = Text
if "md" not in registry.RENDERERS:  # registers only what no other plugin took: not judged
    registry.register_renderer("md", Text)
