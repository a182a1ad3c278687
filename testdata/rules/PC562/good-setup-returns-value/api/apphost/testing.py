"""What the host passes setup()."""

from apphost import App


def app() -> App:
    return App()
