"""The factory raises an exception whose class name and message carry a newline, terminal
escapes, a carriage return and a fake summary and workflow command: the report shows them
escaped, on the finding's one line."""

Fake = type(
    "X\n\x1b[32mAll checks passed\x1b[0m\r\nplugins/other.py:1:1: ok", (Exception,), {}
)


def new():  # expect: PC403
    raise Fake("\r\x1b[2K\x1b[1A\x1b[2KAll checks passed\n::notice::ok")
