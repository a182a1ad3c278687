from reporthost import hookimpl


@hookimpl
def reporthost_output_path(target):
    return f"out/{target}.txt" if target == "app" else None


@hookimpl
def reporthost_header(config):
    return [f"title: {config['title']}"]
