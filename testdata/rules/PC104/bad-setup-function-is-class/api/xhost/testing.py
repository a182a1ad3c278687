"""What the differential setup-function hosts pass (as the oracle)."""

from xhost import App


def app():
    return App()


def options():
    return {'level': '1', 'style': 'plain'}


def text():
    return 'some text'
