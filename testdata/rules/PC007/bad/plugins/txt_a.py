from rhost import registry


class Text:
    pass


registry.RENDERERS["txt"] = Text
