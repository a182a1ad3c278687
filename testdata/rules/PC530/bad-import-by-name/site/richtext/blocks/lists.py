"""List blocks."""

from richtext.blocks import Block


class ListBlock(Block):
    def render(self, text):
        return "<ul>" + text + "</ul>"
