"""The host's stand-in for setup(app): a fresh application."""

from demo_app import App


def app() -> App:
    return App()
