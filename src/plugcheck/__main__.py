from plugcheck._entry import main

main()
