GREETING = "hello"
print("plain backend loaded")  # expect: PC110
