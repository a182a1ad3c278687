"""A prefixed name bound to a builtin: the manager claims it, register() cannot bind it."""  # expect: PC510

demo_startup = print
