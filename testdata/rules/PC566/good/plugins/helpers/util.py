"""A folder with no __init__.py and no hookimpls: registering it registers nothing, and it has
nothing to register."""


def shout(text):
    return text.upper()
