"""An extension released for demohost 2, which its distribution requires."""

import demohost


def setup():
    return demohost.VERSION
