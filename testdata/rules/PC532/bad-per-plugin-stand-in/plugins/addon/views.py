"""Included by the add-on's includeme."""


def includeme(config):
    config.included.append("views")
