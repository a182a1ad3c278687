import hookapi


class Upper(hookapi.Handler):
    def handle(self, event: str) -> str:
        return event.upper()


HANDLER = Upper
