"""A prefixed name bound to a C function: the manager claims it, register() cannot bind it."""  # expect: PC510

from math import floor as demo_startup  # static reading cannot tell what floor is; pluggy can
