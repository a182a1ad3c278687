"""What the differential stage host passes (as the oracle)."""


def options():
    return {'level': '1', 'style': 'plain'}


def items():
    return ['a', 'b']
