from apphost.run import RE_PLACEHOLDER


class DockerCommand:
    pattern = RE_PLACEHOLDER
