from reporthost import hookimpl


@hookimpl
def reporthost_output_path(target):  # expect: PC542
    return 42 if target == "app" else None


@hookimpl
def reporthost_header(config):  # expect: PC542
    return f"title: {config['title']}"


@hookimpl
def reporthost_footer(config):  # expect: PC542
    return (f"page {n}" for n in range(2))  # a generator has no len(): an error
