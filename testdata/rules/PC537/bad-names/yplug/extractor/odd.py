"""A class named like an extractor that is not one: the host picks it by its name."""


class OddIE:  # expect: PC537
    _VALID_URL = "https://odd.example/"
