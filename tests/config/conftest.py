"""Fixtures for config tests (helpers live in config_helpers.py)."""

from config_helpers import registry

__all__ = ["registry"]
