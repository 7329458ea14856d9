"""Halqa: a self-hostable, privacy-first, Arabic-first peer-support platform."""

__version__ = "0.1.0"
