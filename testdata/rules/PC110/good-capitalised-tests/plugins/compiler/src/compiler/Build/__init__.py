NAME = "build"
