"""Generators: protocol + registry; built-ins register themselves on import."""

from . import extractive as _extractive  # noqa: F401  (registers "extractive")
from . import openai_gen as _openai_gen  # noqa: F401  (registers "openai"; no network on import)
from .base import Context, Generator, available_generators, get_generator, register_generator

__all__ = ["Context", "Generator", "available_generators", "get_generator", "register_generator"]
