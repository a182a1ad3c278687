"""The setup for the Pythons the host runs takes nothing."""

import sys

if sys.version_info < (3, 8):

    def setup(app):
        app.add_handler("shout", str.upper)

else:

    def setup():  # expect: PC561
        pass
