"""Speed-ups for Rasa 3.6, found by profiling (bench/README.md).

1. `RemoteAction._validate_action_result` calls `jsonschema.validate`, which checks the schema
   itself against the JSON-Schema meta-schema on every call: about a third of a turn's CPU.
   This validates against the same schema with one validator built once, raising the same
   error.
2. `DialogueStateTracker.applied_events` walks every event of the tracker, and the policies
   and the processor call it many times per turn, so a turn grew with the conversation
   (issue 16). Its walk is a fold over the events whose only state is the list built so far
   (and the names of the loops seen anywhere), so it continues from the result for the
   events seen last time: only new events are walked. Anything else than appended events
   (another first or last event, fewer events, a loop name not seen before) walks all again.
3. Rasa sends the whole tracker to the action server on every action call. The latest
   ``RECENT_EVENTS`` events go as Rasa sends them; older ones only with what an action can
   read from them — a user message's text, intent, entities and channel, a bot message's
   text, an action's name; every other event as is. No event is left out, so counts and
   scans over the session (actions/noticing_actions.py) stay the same; what is left out is
   the bulk (intent rankings, message metadata, buttons, policy names).
"""
from functools import lru_cache
from typing import Any, Dict, List, Text

from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    BotUttered,
    Event,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

_RASA_APPLIED_EVENTS = DialogueStateTracker.applied_events
_RASA_ACTION_CALL_FORMAT = RemoteAction._action_call_format
RECENT_EVENTS = 200  # sent in full to the action server; older events in short


@lru_cache(maxsize=1)
def _validator():
    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    try:
        _validator().validate(result)
        return True
    except ValidationError as e:
        e.message += (
            ". Failed to validate Action server response from API, make sure your response "
            f"from the Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise e


def _apply(tracker: DialogueStateTracker, event: Event, applied: List[Event], loop_names) -> List[Event]:
    """One step of Rasa 3.6's `applied_events` loop (the same code, in the same order)."""
    if isinstance(event, (Restarted, SessionStarted)):
        return []
    if isinstance(event, ActionReverted):
        tracker._undo_till_previous(ActionExecuted, applied)
    elif isinstance(event, UserUtteranceReverted):
        tracker._undo_till_previous(UserUttered, applied)
        tracker._undo_till_previous(ActionExecuted, applied)
    elif (
        isinstance(event, ActionExecuted)
        and event.action_name in loop_names
        and not tracker._first_loop_execution_or_unhappy_path(event.action_name, applied)
    ):
        tracker._undo_till_previous_loop_execution(event.action_name, applied)
    else:
        applied.append(event)
    return applied


def _loop_names(events) -> List[Text]:
    return [event.name for event in events if isinstance(event, ActiveLoop) and event.name]


def applied_events(self: DialogueStateTracker) -> List[Event]:
    """Rasa's `applied_events`, continued from the last call on this tracker."""
    events = self.events
    count = len(events)
    memo = self.__dict__.get("_applied_memo")
    todo, applied, loop_names = None, [], None
    if memo is not None:
        done, first, last, names, result = memo
        if 0 < done <= count and events[0] is first and events[done - 1] is last:
            # a deque is indexed fast only near its ends: the new events are at the end
            new = [events[index] for index in range(done, count)]
            if set(_loop_names(new)) <= names:
                todo, applied, loop_names = new, list(result), names
    if todo is None:
        todo, loop_names = events, set(_loop_names(events))
    for event in todo:
        applied = _apply(self, event, applied, loop_names)
    if count:
        self.__dict__["_applied_memo"] = (count, events[0], events[count - 1], loop_names, applied)
    return list(applied)


def _short(event: Event) -> Dict[Text, Any]:
    """What an action can read from an older event, in the shape Rasa sends it."""
    if isinstance(event, UserUttered):
        intent = event.intent or {}
        return {"event": event.type_name, "timestamp": event.timestamp, "text": event.text,
                "parse_data": {"intent": {"name": intent.get("name"),
                                          "confidence": intent.get("confidence")},
                               "entities": event.entities, "text": event.text},
                "input_channel": getattr(event, "input_channel", None)}
    if isinstance(event, BotUttered):
        return {"event": event.type_name, "timestamp": event.timestamp, "text": event.text}
    if isinstance(event, ActionExecuted):
        return {"event": event.type_name, "timestamp": event.timestamp,
                "name": event.action_name, "action_text": event.action_text}
    return event.as_dict()


def _action_call_format(self: RemoteAction, tracker: DialogueStateTracker, domain) -> Dict[Text, Any]:
    """Rasa's action call with the older events in short (see the module's docstring)."""
    events = tracker.events
    if len(events) <= RECENT_EVENTS:
        return _RASA_ACTION_CALL_FORMAT(self, tracker, domain)
    channel = tracker.get_latest_input_channel()
    events, tracker.events = tracker.events, type(events)()  # Rasa's format, without events
    try:
        result = _RASA_ACTION_CALL_FORMAT(self, tracker, domain)
    finally:
        tracker.events = events
    state = result["tracker"]  # the two fields Rasa reads from the events
    state["latest_event_time"] = events[-1].timestamp
    state["latest_input_channel"] = channel
    older = len(events) - RECENT_EVENTS
    state["events"] = [_short(event) if index < older else event.as_dict()
                       for index, event in enumerate(events)]
    return result


def install() -> None:
    """Use the cached validator and the continued `applied_events` in this process
    (idempotent)."""
    RemoteAction._validate_action_result = _validate_action_result
    RemoteAction._action_call_format = _action_call_format
    DialogueStateTracker.applied_events = applied_events
