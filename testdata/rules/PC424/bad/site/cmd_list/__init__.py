from clihost import utils  # expect: PC424


class List:
    def take_action(self, args):
        return utils.fmt(args)
