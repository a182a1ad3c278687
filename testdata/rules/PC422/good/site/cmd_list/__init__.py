from clihost import utils


class List:
    def take_action(self, args):
        return utils.fmt(args)
