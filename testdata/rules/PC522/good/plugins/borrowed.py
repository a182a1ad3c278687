"""Prefix mode: standard-library helpers kept under names without the prefix."""

import os

current_dir = os.getcwd


def demo_startup(config):
    return current_dir()
