"""NLU component: commands that reveal or delete stored data need a confident classification.

A long answer in a reflection ("Ik probeer van alles tegelijk te doen ...") can look like
"wis mijn gegevens" to the classifier. Such a guess would pause the reflection and ask to delete
everything. Below the threshold the next intent in the ranking is used instead. Buttons
(`/delete_my_data`) and clear requests are far above it.
"""
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

COMMANDS = ("delete_my_data", "show_reflections", "export_reflections")
THRESHOLD = 0.9
#: A demoted guess whose replacement is this unsure becomes `nlu_fallback` (as config.yml's).
FALLBACK_THRESHOLD = 0.6


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CommandGate(GraphComponent, IntentClassifier):
    """Demotes unsure guesses of data commands to the next intent in the ranking."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "CommandGate":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get("name") in COMMANDS and intent.get("confidence", 0) < THRESHOLD:
                ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent["name"]]
                usable = [r for r in ranking if r.get("name") not in COMMANDS + ("nlu_fallback",)]
                top = usable[0] if usable else {}
                if top.get("confidence", 0) < FALLBACK_THRESHOLD:
                    top = {"name": "nlu_fallback", "confidence": FALLBACK_THRESHOLD}
                message.set(INTENT, top, add_to_output=True)
                message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
