"""NLU component that makes the safety net independent of NLU confidence.

Runs last in the pipeline. When the net (core/safety.py) finds a safety tier, the intent
becomes that tier's intent, whatever the classifier thought. A safety intent guessed by the
classifier alone falls back to the next intent (or `nlu_fallback`, which is noticed): measured
with `make nlu-report`, the classifier (DIET then) called benign near-misses `crisis` with
confidences up to 0.9996 ("ik wil mezelf terugvinden"), so no threshold keeps the benign corpus
free of false alarms, while the net alone catches every crisis message of the tuning corpus.
"""
from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.rule_component import RuleComponent, demote_intent, set_intent
from core.names import TIER_INTENTS
from core.safety import BENIGN, assess


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CrisisOverride(RuleComponent, IntentClassifier):
    """Sets the safety tier's intent when the net finds one; drops safety guesses it does not make."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            found = assess(message.get(TEXT) or "")
            intent = message.get(INTENT) or {}
            if found.tier != BENIGN:
                set_intent(message, TIER_INTENTS[found.tier])
            elif intent.get("name") in TIER_INTENTS.values():
                demote_intent(message, skip=TIER_INTENTS.values())
        return messages
