"""Dialogue policy: when the classifier hesitates between two commands, ask which one was meant.

components/command_gate.py marks such a message (`command_doubt` in its parse data: the two
command intents, most likely first). This policy then predicts `action_ask_which_command`
(actions/clarify.py: the question with a button for each command and one for "Iets anders")
instead of the guess, and `action_listen` after it. It stays silent (all zeros) when:

- the safety net set a safety intent: crisis always wins (components/crisis_override.py);
- a form waits for an answer and would take this message as that answer (the intent is not in
  the requested slot's `not_intent`): an answer in a reflection stays an answer;
- none of the two commands would do anything here (core/commands.py: "stop" and "skip"
  outside a reflection).

Its predictions are marked `is_no_user_prediction` and have priority 7 (RulePolicy has 6): the
ensemble lets such predictions overrule all others, as it does for a form's happy path, so a
question asked inside a running reflection is not overruled by the form.
"""
from typing import Any, Dict, List, Optional, Text

from rasa.core.constants import POLICY_PRIORITY, RULE_POLICY_PRIORITY
from rasa.core.policies.policy import Policy, PolicyPrediction, SupportedData
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME, REQUESTED_SLOT
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from core.commands import choices
from core.names import COMMAND_DOUBT_KEY, TIER_INTENTS

ASK_ACTION = "action_ask_which_command"
PRIORITY = RULE_POLICY_PRIORITY + 1


def taken_as_answer(tracker: DialogueStateTracker, domain: Domain) -> bool:
    """Whether the active form fills its requested slot from this message's text."""
    requested = tracker.get_slot(REQUESTED_SLOT)
    slot = next((s for s in domain.slots if s.name == requested), None)
    if slot is None:
        return False
    intent = (tracker.latest_message.intent or {}).get("name") if tracker.latest_message else None
    for mapping in slot.mappings:
        if mapping.get("type") != "from_text":
            continue
        wanted = mapping.get("intent") or []
        wanted = [wanted] if isinstance(wanted, str) else wanted
        unwanted = mapping.get("not_intent") or []
        unwanted = [unwanted] if isinstance(unwanted, str) else unwanted
        if intent not in unwanted and (not wanted or intent in wanted):
            return True
    return False


def doubt_of(tracker: DialogueStateTracker) -> List[Text]:
    """The two commands the latest message hesitates between, if it was just said."""
    message = tracker.latest_message
    if not isinstance(message, UserUttered) or tracker.latest_action_name != ACTION_LISTEN_NAME:
        return []
    doubt = (message.parse_data or {}).get(COMMAND_DOUBT_KEY) or []
    if (message.intent or {}).get("name") in TIER_INTENTS.values():
        return []
    return [name for name in doubt if isinstance(name, str)]


def next_action(tracker: DialogueStateTracker, domain: Domain) -> Optional[Text]:
    """`action_ask_which_command`, `action_listen` after it, or None (the other policies decide)."""
    if tracker.latest_action_name == ASK_ACTION:
        return ACTION_LISTEN_NAME
    doubt = doubt_of(tracker)
    if not doubt:
        return None
    in_form = tracker.active_loop_name is not None
    if in_form and taken_as_answer(tracker, domain):
        return None
    return ASK_ACTION if choices(doubt, in_reflection=in_form) else None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class CommandDoubtPolicy(Policy):
    """Asks which command was meant when the classifier hesitates; learns nothing."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {POLICY_PRIORITY: PRIORITY}

    @staticmethod
    def supported_data() -> SupportedData:
        return SupportedData.ML_AND_RULE_DATA

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        with self._model_storage.write_to(self._resource):
            pass  # nothing to learn or keep
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[Text, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        action = next_action(tracker, domain)
        if action is None or action not in domain.action_names_or_texts:
            return self._prediction(probabilities)
        probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities, is_no_user_prediction=True)
