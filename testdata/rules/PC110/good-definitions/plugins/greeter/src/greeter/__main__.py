"""`python -m greeter` is a script: its work is expected."""

from greeter import new

print(new().run())
