current_app = "the running app"
