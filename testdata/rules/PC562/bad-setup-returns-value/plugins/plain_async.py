"""An async setup: the host's call gets a coroutine."""


async def setup(app):  # expect: PC562
    app.add_handler("shout", str.upper)
