from demo_host import BasePlugin  # expect: PC416


class Shouting(BasePlugin):
    def on_page(self, text):
        return text.upper()
