"""The host's start-up: it runs demo_setup for each item and ignores what it returns."""


def run(pm, items=("first", "second")):
    for item in items:
        pm.hook.demo_setup(item=item)
