# Replaces the API module and json in sys.modules, for whatever is imported next.  # expect: PC414
# (another plugin, in a host that loads them into one process; here every other plugin runs
# in a process of its own forked from the server, which never sees it)

import sys
import types

fake = types.ModuleType("hostile_api")
fake.Factory = object
fake.Plugin = object
sys.modules["hostile_api"] = fake
sys.modules["json"] = types.ModuleType("json")


class P:
    def init(self, config):
        pass

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
