"""The host's start-up: it also calls a hook no hookspec declares (plugins mark it optional)."""


def run(pm):
    pm.hook.demo_startup(config=None)
    pm.hook.demo_extra(config=None)
