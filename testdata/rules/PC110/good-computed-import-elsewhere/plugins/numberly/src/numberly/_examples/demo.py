from numberly import new

print(new().run())
