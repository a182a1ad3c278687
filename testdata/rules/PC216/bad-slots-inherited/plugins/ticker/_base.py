"""A slotted base."""


class Base:
    __slots__ = ()
