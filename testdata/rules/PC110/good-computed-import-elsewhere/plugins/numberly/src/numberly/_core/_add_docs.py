from numberly._core.function_base import add_newdoc


def describe() -> None:
    add_newdoc("numberly._core.arith", "add", "Adds two numbers.")
