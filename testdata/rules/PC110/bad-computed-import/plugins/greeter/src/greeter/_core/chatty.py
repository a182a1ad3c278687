print("chatty loaded")  # expect: PC110
