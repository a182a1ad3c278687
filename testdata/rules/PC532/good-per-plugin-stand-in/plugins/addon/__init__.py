"""Includes its own views module by a relative name, as Pyramid add-ons do."""


def includeme(config):
    config.include(".views")
