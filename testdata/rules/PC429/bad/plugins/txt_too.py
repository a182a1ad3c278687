"""Registers 'txt', computed."""
from chost.registry import register

register("tx" + "t".lower(), object)  # expect: PC429
