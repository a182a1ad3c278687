from demo_host import BasePlugin


class Shouting(BasePlugin):
    def on_page(self, text):
        return text.upper()
