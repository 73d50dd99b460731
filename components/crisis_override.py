"""NLU component that makes the crisis safety net independent of NLU confidence.

Runs last in the pipeline. A crisis phrase match sets the intent to `crisis` whatever the
classifier thought. An NLU `crisis` guess without a phrase match stands only when it is very
sure, the message talks about death, harm or danger at all (`nlu_cues`), and it is not an
everyday death idiom ("ik lach me dood"); otherwise the next intent in the ranking is used.
"""
from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.safety import has_risk_cue, is_benign_death_idiom, is_crisis
from components.rule_component import RuleComponent, demote_intent, set_intent

CRISIS = "crisis"
#: An NLU-only crisis guess (no phrase of the safety net matched) must be at least this sure.
NLU_ONLY_THRESHOLD = 0.9


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CrisisOverride(RuleComponent, IntentClassifier):
    """Overrides the predicted intent with `crisis` when the safety net matches."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            intent = message.get(INTENT) or {}
            if is_crisis(text):
                set_intent(message, CRISIS)
            elif intent.get("name") == CRISIS and (
                is_benign_death_idiom(text)
                or not has_risk_cue(text)
                or intent.get("confidence", 0) < NLU_ONLY_THRESHOLD
            ):
                demote_intent(message)
        return messages
