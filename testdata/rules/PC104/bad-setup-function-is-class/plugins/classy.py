"""setup is a class: calling it builds an instance, not the dict the host reads."""


def shout(text):
    return text.upper()


class setup:  # expect: PC104
    def __init__(self, app):
        app.add_handler("shout", shout)
