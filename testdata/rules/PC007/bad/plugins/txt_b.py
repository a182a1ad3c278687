from rhost.registry import RENDERERS


class OtherText:
    pass


RENDERERS["txt"] = OtherText  # expect: PC007
