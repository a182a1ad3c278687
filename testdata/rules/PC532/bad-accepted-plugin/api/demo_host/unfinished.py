"""A backend the host has not finished: used, it fails. No plugin registered it."""


class Backend:
    def draw(self, kind: str, for_failure: bool) -> object:
        raise NotImplementedError(kind)
