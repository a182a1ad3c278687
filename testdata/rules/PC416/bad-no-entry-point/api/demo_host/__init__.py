"""A host whose plugins are BasePlugin subclasses named by demo.plugins entry points."""


class BasePlugin:
    def on_page(self, text):
        return text
