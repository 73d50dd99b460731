"""NLU component that makes the safety net independent of NLU confidence.

Runs last in the pipeline. When the net (actions/safety.py) finds a safety tier, the intent
becomes that tier's intent, whatever the classifier thought. An NLU `crisis` guess that the net
does not confirm is never simply dropped when it is sure: it becomes `crisis_unclear`, so the
person is asked kindly and directly. Unsure guesses and everyday death idioms fall back.
"""
from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.safety import BENIGN, BEREAVED, CRISIS, IDIOM, UNCLEAR, VIOLENCE, assess
from components.rule_component import RuleComponent, demote_intent, set_intent

#: The intent the dialogue answers for each safety tier (README: intent contract).
TIER_INTENTS = {CRISIS: "crisis", UNCLEAR: "crisis_unclear", VIOLENCE: "danger_from_others",
                BEREAVED: "bereaved_by_suicide"}
#: An NLU-only crisis guess at least this sure is asked about (measured: `make nlu-report`).
NLU_ONLY_THRESHOLD = 0.9


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CrisisOverride(RuleComponent, IntentClassifier):
    """Sets the safety tier's intent when the net finds one; checks NLU-only crisis guesses."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            found = assess(message.get(TEXT) or "")
            intent = message.get(INTENT) or {}
            if found.tier != BENIGN:
                set_intent(message, TIER_INTENTS[found.tier])
            elif intent.get("name") in TIER_INTENTS.values():
                if intent.get("confidence", 0) >= NLU_ONLY_THRESHOLD and IDIOM not in found.signals:
                    set_intent(message, TIER_INTENTS[UNCLEAR])
                else:
                    demote_intent(message, skip=TIER_INTENTS.values())
        return messages
