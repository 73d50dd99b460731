"""NLU component: commands that reveal or delete stored data need a confident classification.

A long answer in a reflection ("Ik probeer van alles tegelijk te doen ...") can look like
"wis mijn gegevens" to the classifier. Such a guess would pause the reflection and ask to delete
everything. Below the threshold the next intent in the ranking is used instead. Buttons
(`/delete_my_data`) and clear requests are far above it.
"""
from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT
from rasa.shared.nlu.training_data.message import Message

from components.rule_component import RuleComponent, demote_intent

COMMANDS = ("delete_my_data", "show_reflections", "export_reflections")
THRESHOLD = 0.9


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CommandGate(RuleComponent, IntentClassifier):
    """Demotes unsure guesses of data commands to the next intent in the ranking."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get("name") in COMMANDS and intent.get("confidence", 0) < THRESHOLD:
                demote_intent(message, skip=COMMANDS)
        return messages
