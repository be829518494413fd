"""The command line: arguments and the commands build, serve, new and check."""
