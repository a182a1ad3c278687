"""What the differential entry-function host passes (as the oracle)."""

from ehost import Registry


def registry():
    return Registry()


def options():
    return {'level': '1', 'style': 'plain'}


def text():
    return 'some text'
