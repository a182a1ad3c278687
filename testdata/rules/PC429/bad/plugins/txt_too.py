"""Registers 'txt', computed."""  # expect: PC429
from chost.registry import register

register("tx" + "t".lower(), object)
