def embed():
    return "embedded"
