class Greeter(object):
    def run(self):
        print "hello"  # expect: PC001
        return "hello"


def new():
    return Greeter()
