from plugcheck.cli import main

main()
