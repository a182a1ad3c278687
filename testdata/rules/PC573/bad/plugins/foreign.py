"""A marker copied from a plugin of another host: pluggy's demo manager finds no hookimpl."""

import pluggy

hookimpl = pluggy.HookimplMarker("other_host")


@hookimpl
def demo_startup(config):  # expect: PC573
    return None
