"""What the host does with the class an entry point names: builds it and calls one event."""


def build(cls):
    cls().on_page("text")
