"""Returns True on every path where the host wants None."""


def setup(app):  # expect: PC562
    app.add_handler("shout", str.upper)
    return True
