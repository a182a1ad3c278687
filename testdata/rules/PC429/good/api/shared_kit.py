"""A library two plugins use: importing it registers its 'kit' renderer, once in the host."""
from chost.registry import register


class Kit:
    pass


register("kit", Kit)
