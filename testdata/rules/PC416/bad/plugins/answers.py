"""Answers requests with a library that is not installed."""  # expect: PC416

import not_installed_anywhere

from demo_host import hookimpl


@hookimpl
def demo_handle(request, context):
    return not_installed_anywhere.answer(request)
