"""Terang: a static site generator for public programme transparency."""

__version__ = "0.1.0"
