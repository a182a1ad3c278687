"""How to use greeter from a script: never imported by the plugin."""

from greeter import new

print(new().run())
