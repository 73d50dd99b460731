"""Shared pieces of the project's rule-based NLU components (they learn and store nothing)."""
from typing import Any, Dict, Iterable, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

FALLBACK = "nlu_fallback"
#: A replacement intent must be at least this sure, as FallbackClassifier's threshold in config.yml.
FALLBACK_THRESHOLD = 0.3


class RuleComponent(GraphComponent):
    """A graph component without training or storage."""

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls()


def set_intent(message: Message, name: Text) -> None:
    """Make `name` the certain intent, at the top of the ranking."""
    top = {"name": name, "confidence": 1.0}
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != name]
    message.set(INTENT, top, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [top] + ranking, add_to_output=True)


def demote_intent(message: Message, skip: Iterable[Text] = ()) -> None:
    """Drop the predicted intent; use the next one in the ranking that is not in `skip` and is
    sure enough, else `nlu_fallback`."""
    dropped = (message.get(INTENT) or {}).get("name")
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != dropped]
    excluded = set(skip) | {FALLBACK}
    usable = [r for r in ranking if r.get("name") not in excluded]
    top = usable[0] if usable else {}
    if top.get("confidence", 0) < FALLBACK_THRESHOLD:
        top = {"name": FALLBACK, "confidence": FALLBACK_THRESHOLD}
    message.set(INTENT, top, add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
