"""A plugin kept in shared/ and linked into plugins/: the link stays inside the project."""


class Greeter:
    greeting = "hello"


def new() -> object:
    return Greeter()
