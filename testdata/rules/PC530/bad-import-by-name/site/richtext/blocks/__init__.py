"""Block types."""


class Block:
    def render(self, text):
        return text
