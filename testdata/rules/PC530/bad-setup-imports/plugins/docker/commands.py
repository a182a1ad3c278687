from apphost.run import RE_ARGS  # expect: PC530


class DockerCommand:
    pattern = RE_ARGS
