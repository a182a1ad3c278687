"""The live setup takes the host's app; the one for Pythons no host runs takes nothing."""

import sys

if sys.version_info >= (3, 8):

    def setup(app):
        app.add_handler("shout", str.upper)

else:

    def setup():
        pass
