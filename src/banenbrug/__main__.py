from banenbrug.cli import main

main()
