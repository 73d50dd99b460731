"""`zingeving`: what gives your life meaning, what keeps you going, where you find something to
hold on to, and what you miss now. Short answers ("niets", "niemand") are welcome everywhere.

Closing: what keeps them going in their words, and what the noticing engine finds."""
from typing import Dict, List

from actions.exercises.base import (
    Exercise,
    Question,
    ending_in_question,
    is_dont_know,
    is_short_answer,
    notice_reply,
    quote,
)
from core import texts


class Zingeving(Exercise):
    key = "zingeving"
    questions = (
        Question("zin", short_ok=True),
        Question("gaande", short_ok=True),
        Question("houvast", short_ok=True),
        Question("mist", short_ok=True),
    )

    def question_text(self, question: Question, answers: Dict[str, str]) -> str:
        return texts.ZINGEVING_QUESTIONS[question.key]

    def closing(self, answers: Dict[str, str], extra: Dict[str, str]) -> List[List[str]]:
        if not answers:
            return [[texts.CLOSING_ALL_SKIPPED]]
        lines = []
        going = answers.get("gaande")
        if going and not is_dont_know(going) and not is_short_answer(going):
            lines.append(texts.ZINGEVING_CLOSING_GOING.format(a=quote(going)))
        elif going:
            lines.append(texts.ZINGEVING_CLOSING_LITTLE)
        hold = answers.get("houvast")
        if hold and not is_dont_know(hold) and not is_short_answer(hold):
            lines.append(texts.ZINGEVING_CLOSING_HOLD.format(a=quote(hold)))
        reply = notice_reply([answers[k] for k in ("zin", "mist") if k in answers], self.key)
        if reply:
            return [lines + ending_in_question(reply)]
        return [lines + [texts.ZINGEVING_CLOSING_QUESTION]]
