"""The host's start-up: it uses what its hooks return (a list, for a hook without firstresult)."""


def run(pm):
    for _ in pm.hook.demo_startup(config=None):
        pass
    for _ in pm.hook.demo_render(page="index"):
        pass
