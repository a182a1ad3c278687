import rhost.registry as reg


@reg.renderer("rst")  # expect: PC007
class OtherRestructured:
    pass
