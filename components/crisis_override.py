"""NLU component that makes the crisis safety net independent of NLU confidence.

Runs last in the pipeline. A crisis phrase match sets the intent to `crisis` whatever the
classifier thought. An NLU `crisis` guess without a phrase match stands only when it is very
sure, the message talks about death, harm or danger at all (`nlu_cues`), and it is not an
everyday death idiom ("ik lach me dood"); otherwise the next intent in the ranking is used.
"""
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.safety import has_risk_cue, is_benign_death_idiom, is_crisis

CRISIS = "crisis"
FALLBACK_FOR_BENIGN = "share_experience"
#: An NLU-only crisis guess (no phrase of the safety net matched) must be at least this sure.
NLU_ONLY_THRESHOLD = 0.9


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CrisisOverride(GraphComponent, IntentClassifier):
    """Overrides the predicted intent with `crisis` when the safety net matches."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "CrisisOverride":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            intent = message.get(INTENT) or {}
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != CRISIS]
            if is_crisis(text):
                top = {"name": CRISIS, "confidence": 1.0}
                message.set(INTENT, top, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [top] + ranking, add_to_output=True)
            elif intent.get("name") == CRISIS and (
                is_benign_death_idiom(text)
                or not has_risk_cue(text)
                or intent.get("confidence", 0) < NLU_ONLY_THRESHOLD
            ):
                usable = [r for r in ranking if r.get("name") != "nlu_fallback"]
                top = usable[0] if usable else {"name": FALLBACK_FOR_BENIGN, "confidence": 1.0}
                message.set(INTENT, top, add_to_output=True)
                message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
