"""`reflectievragen`: open questions about feeling understood and cared for; any may be skipped.

Closing: what the noticing engine finds across the answers."""
from typing import Dict, List

from actions.exercises.base import Exercise, Question, ending_in_question, notice_reply
from core import texts


class Reflectievragen(Exercise):
    key = "reflectievragen"
    questions = tuple(Question(key) for key in texts.REFLECTIEVRAGEN_QUESTIONS)

    def question_text(self, question: Question, answers: Dict[str, str]) -> str:
        return texts.REFLECTIEVRAGEN_QUESTIONS[question.key]

    def closing(self, answers: Dict[str, str], extra: Dict[str, str]) -> List[List[str]]:
        if not answers:
            return [[texts.CLOSING_ALL_SKIPPED]]
        reply = notice_reply(list(answers.values()), self.key)
        return [[texts.CLOSING_THANKS, *ending_in_question(reply)]]
