"""Answering: turn retrieved passages into a short answer whose every sentence is cited."""

from .base import Answerer
from .extractive import AnswerConfig, ExtractiveAnswerer

__all__ = ["AnswerConfig", "Answerer", "ExtractiveAnswerer"]
