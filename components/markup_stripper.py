"""NLU component that reads a message without HTML markup.

People paste text from web pages, and some try `<script>` on purpose. The classifier should
see the words ("ik voel me leeg"), not the tags. Runs first in the pipeline; the original text
stays in the conversation, and the widget always shows it as plain text.
"""
import html
import re
from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.rule_component import RuleComponent

# Linear time: a tag's inside stops at the next "<" as well as at ">", so a failed match at one
# "<" never rescans past the next one ("<a" * 500000 took minutes with "[^>]*"). A hidden
# block's lazy body always ends, at its closing tag or at the end of the text.
_HIDDEN = re.compile(r"<(script|style)\b[^<>]*>.*?(</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


def strip_markup(text: str) -> str:
    """Text without script/style blocks and tags, entities decoded, spaces tidied."""
    text = _TAG.sub(" ", _HIDDEN.sub(" ", text))
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class MarkupStripper(RuleComponent):
    """Removes HTML markup from user messages before tokenization."""

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if text and "<" in text and not text.startswith("/"):
                cleaned = strip_markup(text)
                message.set(TEXT, cleaned or text)
        return messages
