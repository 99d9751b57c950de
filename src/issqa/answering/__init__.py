"""Answering: turn retrieved passages into a short answer whose every sentence is cited."""

from .base import Answerer
from .compose import combine_parts
from .confidence import Calibration, Evidence
from .extractive import AnswerConfig, ExtractiveAnswerer
from .question import QuestionAnalysis, analyse_question, asks_live_position

__all__ = [
    "AnswerConfig",
    "Answerer",
    "Calibration",
    "Evidence",
    "ExtractiveAnswerer",
    "QuestionAnalysis",
    "analyse_question",
    "asks_live_position",
    "combine_parts",
]
