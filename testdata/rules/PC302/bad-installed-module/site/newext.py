"""An extension whose distribution admits the installed demohost."""

import demohost


def setup():
    return demohost.VERSION
