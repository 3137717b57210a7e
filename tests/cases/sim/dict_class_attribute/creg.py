"""A dict bound in a class is reachable through its instances, whose
methods the model does not follow: register() fills it unseen, so the
lookup below is unknown (it finds the handler: no import runs)."""


class Registry:
    handlers = {}

    def register(self, key, value):
        self.handlers[key] = value


REG = Registry()
REG.register(int, str)

if Registry.handlers.get(int) is None:
    from creg import LATER

LATER = 1
