def new() -> None:
    pass
