from rhost.registry import renderer


@renderer("rst")
class Restructured:
    pass
