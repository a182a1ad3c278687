"""A prefixed name bound to a C function: the manager claims it, register() cannot bind it."""  # expect: PC510

demo_startup = getattr(__import__("math"), "floor")  # static reading cannot tell what it is; pluggy can
