"""A plugin that shells out and sleeps at import time, through import aliases."""

from __future__ import annotations

import subprocess as sp
from os import system
from time import sleep as nap

from plugapi import Plugin

VERSION = sp.check_output(["uname", "-r"], text=True)  # expect: PC110
PAUSE = nap(0)  # expect: PC110
STATUS = system("true")  # expect: PC110


def open(name: str) -> str:  # noqa: A001 - the plugin's own helper, not the builtin
    return name.upper()


GREETING = open("hello")


class Greeter:
    def run(self) -> str:
        return GREETING


def new() -> Plugin:
    return Greeter()
