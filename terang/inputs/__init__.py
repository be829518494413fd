"""Inputs: the project's settings, YAML with line numbers, field declarations and the schema they are checked against."""
