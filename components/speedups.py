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
    Event,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

_RASA_APPLIED_EVENTS = DialogueStateTracker.applied_events


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


def install() -> None:
    """Use the cached validator and the continued `applied_events` in this process
    (idempotent)."""
    RemoteAction._validate_action_result = _validate_action_result
    DialogueStateTracker.applied_events = applied_events
