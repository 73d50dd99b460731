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
   text, an action's name; slot, featurization and active-loop events (``LEFT_OUT``; the
   current slots and loop are in the tracker state) not at all, since no action reads them
   from the events (a test checks the modules that read the history); every other event as
   is. So counts and scans over the session (actions/noticing_actions.py) stay the same;
   what is left out is the bulk (intent rankings, message metadata, buttons, policy names,
   the slots, which were half of a long call). Actions that read
   nothing of the conversation before the current turn (``RECENT_ONLY_ACTIONS``: the form,
   the exercise flow, explanation and clarification; a test checks that their modules and
   what they import from actions/ read no events) get only the latest ``RECENT_EVENTS``
   events, and further back to the latest user message, so their call no longer grows with
   the conversation.
4. `DialogueStateTracker.past_states` (Rasa's `Domain.states_for_tracker_history`) replays all
   applied events on a fresh tracker and turns it into a state before every action; the rule
   and memoization policies ask for it several times per turn. It is a fold over the applied
   events too, so per set of arguments it continues from the tracker and states of the last
   call. Applied events can also lose their tail (a form that runs again drops the turns
   since its last run, a reverted action): then it goes on from a copy of the tracker kept
   before one of the last actions, at or before the first event that differs. Two events
   change the latest user message in place (`DefinePrevUserUtteredFeaturization`,
   `EntitiesAdded`), even when they are reverted later: when a user message in a kept state
   has changed since, all is replayed, as for anything else (fewer events than the last
   copy, other arguments).
5. `DialogueStateTracker.copy` (Rasa: a fresh tracker that replays every event) runs before
   every action. It keeps the replayed tracker and, while events were only appended, only
   replays the new ones into it; the copy is a copy of that tracker's state (the slots, the
   active loop and a latest user message that is no event copied, the events in a new deque).
   Anything else replays all, as Rasa does.
6. `FormAction._temporary_tracker` (Rasa: a new tracker from all events after the latest
   restart, with the domain's slots, plus the form's events) runs once or twice per form
   turn. A tracker and its copies share one replay of those events (per domain), continued
   like 5. up to the events the copy took from its tracker; the copy's own events and the
   form's are replayed into a copy of it.
7. The rule policy writes every state of the conversation into a debug log line on every
   prediction, also when nothing is logged at debug level: the states are formatted only
   when the rule policy's logger logs debug lines.
8. Every prediction of the memoization and rule policies gets (new copies of) the states of
   the whole session, though what they predict depends only on the last few: the
   memoization policy looks at its ``max_history`` states (after dropping the last if it
   follows `action_listen`, and the `action_unlikely_intent` states), and a rule matches
   only as far back as it is long. While one of them asks, `past_states` hands out only
   that reach: ``max_history + 1`` states, and for the rules the longest rule plus one, not
   counting `action_unlikely_intent` states. When no rule matches, Rasa names the
   prediction's source by the states it got; the source only decides whether the turn is
   hidden (it is among the rules not in stories), and neither the shorter states (which
   begin mid-conversation, unlike any rule) nor all of them (else a rule would have
   matched, or they are within reach) can be one of those keys.
"""
import contextvars
import copy
import itertools
import logging
import operator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Dict, List, Optional, Text, Tuple

from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.core.actions.forms import FormAction
from rasa.core.featurizers.tracker_featurizers import _is_prev_action_unlikely_intent_in_state
from rasa.core.policies.memoization import MemoizationPolicy
from rasa.core.policies.rule_policy import RULES, RULES_FOR_LOOP_UNHAPPY_PATH, RulePolicy
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.constants import PREVIOUS_ACTION, REQUESTED_SLOT
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    BotUttered,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

_RASA_APPLIED_EVENTS = DialogueStateTracker.applied_events
_RASA_ACTION_CALL_FORMAT = RemoteAction._action_call_format
_RASA_PAST_STATES = DialogueStateTracker.past_states
_RASA_STATES = Domain.states_for_tracker_history
_RASA_PRIOR_TRACKERS = DialogueStateTracker.generate_all_prior_trackers
_RASA_COPY = DialogueStateTracker.copy
_RASA_TRAVEL = DialogueStateTracker.travel_back_in_time
_RASA_TEMPORARY_TRACKER = FormAction._temporary_tracker
_RASA_FORMAT_STATES = RulePolicy.format_tracker_states
_RASA_MEMO_PREDICTION_STATES = MemoizationPolicy._prediction_states
_RASA_FIND_FROM_RULES = RulePolicy._find_action_from_rules
_REACH: contextvars.ContextVar[Optional[int]] = contextvars.ContextVar("states_reach", default=None)
STATE_FOLDS = 4  # sets of `past_states` arguments continued per tracker (2 in use)
CHECKPOINTS = 8  # copies of the prior tracker kept per set, before the latest actions ...
CHECKPOINT_EVENTS = 40  # ... among this many last applied events
RECENT_EVENTS = 200  # sent in full to the action server; older events in short
LEFT_OUT = frozenset({"slot", "user_featurization", "active_loop"})  # older ones are not sent
RECENT_ONLY_ACTIONS = frozenset({  # actions/: exercises/form.py, exercises/flow.py,
    "validate_reflection_form",    # explanation.py, clarify.py
    *(f"action_ask_antwoord_{n}" for n in range(1, 7)),
    "action_start_reflection", "action_resume_reflection", "action_pause_reflection",
    "action_finish_reflection", "action_explain", "action_ask_which_command",
    "action_something_else",
})


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


def appended_since(events, start: int, done: int, first: Event, last: Event,
                   count: int) -> Optional[List[Event]]:
    """The events at ``done`` … ``count - 1`` when ``events[start:done]`` still begins and ends
    with the same events as when a replay stopped at ``done`` (only appended since), else None."""
    if start < done <= count and events[start] is first and events[done - 1] is last:
        # a deque is indexed fast only near its ends: the new events are at the end
        return [events[index] for index in range(done, count)]
    return None


def applied_events(self: DialogueStateTracker) -> List[Event]:
    """Rasa's `applied_events`, continued from the last call on this tracker."""
    events = self.events
    count = len(events)
    memo = self.__dict__.get("_applied_memo")
    todo, applied, loop_names = None, [], None
    if memo is not None:
        done, first, last, names, result = memo
        new = appended_since(events, 0, done, first, last, count)
        if new is not None and set(_loop_names(new)) <= names:
            todo, applied, loop_names = new, list(result), names
    if todo is None:
        todo, loop_names = events, set(_loop_names(events))
    for event in todo:
        applied = _apply(self, event, applied, loop_names)
    if count:
        self.__dict__["_applied_memo"] = (count, events[0], events[count - 1], loop_names, applied)
    return list(applied)


class _StateFold:
    """Rasa's `states_for_tracker_history` loop, kept between calls so it can go on."""

    def __init__(self, tracker: DialogueStateTracker, domain: Domain, omit_unset_slots: bool,
                 ignore_rule_only_turns: bool, rule_only_data: Optional[Dict[Text, Any]]) -> None:
        rule_only_data = copy.deepcopy(rule_only_data)
        self.args = (domain, omit_unset_slots, ignore_rule_only_turns, rule_only_data)
        self.prior = tracker.init_copy()  # the tracker before the next action
        self.applied: List[Event] = []  # applied events folded in
        self.states: List[State] = []
        self.last_ml_action = None
        self.hidden = False
        self.messages: List[Tuple[UserUttered, Tuple]] = []  # in kept states, as they were then
        self.checkpoints: List[Tuple] = []  # the loop's variables before recent actions
        self.heard = False  # the prior tracker's latest message is a user event (not its own)

    def matches(self, domain, omit_unset_slots, ignore_rule_only_turns, rule_only_data) -> bool:
        mine = self.args
        return (mine[0] is domain and mine[1] == omit_unset_slots
                and mine[2] == ignore_rule_only_turns and mine[3] == rule_only_data)

    def unchanged(self) -> bool:
        """No user message in a kept state has changed since."""
        return all(_as_featurized(message) == then for message, then in self.messages)

    def rewind(self, applied: List[Event]) -> bool:
        """Goes back to where `applied` continues what was folded in (the very same event
        objects); False when no copy was kept that far back."""
        done = self.applied
        if len(done) <= len(applied) and all(map(operator.is_, done, applied)):
            return True
        pairs = enumerate(zip(done, applied, strict=False))
        same = next((index for index, (a, b) in pairs if a is not b), min(len(done), len(applied)))
        while self.checkpoints and self.checkpoints[-1][0] > same:
            self.checkpoints.pop()
        if not self.checkpoints:
            return False
        index, count, messages, self.last_ml_action, self.hidden, prior = self.checkpoints.pop()
        self.heard = True
        self.prior = _tracker_copy(prior)
        self.prior.events = self.prior._create_events(applied[:index])
        del self.states[count:]
        del self.messages[messages:]
        self.applied = applied[:index]
        return True

    def fold(self, applied: List[Event]) -> None:
        """Folds in the applied events after those done."""
        prior = self.prior
        recent = len(applied) - CHECKPOINT_EVENTS
        for index in range(len(self.applied), len(applied)):
            event = applied[index]
            if isinstance(event, ActionExecuted):
                if index >= recent and self.heard:
                    self._checkpoint(index)
                self._add(self._state(prior, event.hide_rule_turn))
                if not self.messages or self.messages[-1][0] is not prior.latest_message:
                    message = prior.latest_message
                    self.messages.append((message, _as_featurized(message)))
            prior.update(event)
            self.heard = self.heard or isinstance(event, UserUttered)
        self.applied = applied

    def result(self, reach: Optional[int] = None) -> List[State]:
        """The states folded so far plus the one after the last event, as Rasa returns
        them (new dicts: callers change them); with ``reach`` only the last ones, back to
        ``reach`` states that do not follow `action_unlikely_intent` (8.)."""
        keep = self.last_ml_action, self.hidden
        last = self._state(self.prior, False)
        self.last_ml_action, self.hidden = keep
        states = self.states if last is None else self.states + [last]
        if reach is not None:
            start, counted = len(states), 0
            while start > 0 and counted < reach:
                start -= 1
                counted += not _is_prev_action_unlikely_intent_in_state(states[start])
            states = states[start:]
        copies: Dict[int, Dict] = {}  # sub-states Rasa shares between states stay shared

        def copied(sub: Dict) -> Dict:
            if id(sub) not in copies:
                copies[id(sub)] = dict(sub)
            return copies[id(sub)]

        return [{key: copied(sub) for key, sub in state.items()} for state in states]

    def _checkpoint(self, index: int) -> None:
        self.checkpoints.append((index, len(self.states), len(self.messages), self.last_ml_action,
                                 self.hidden, _tracker_copy(self.prior)))
        del self.checkpoints[:-CHECKPOINTS]

    def _add(self, state: Optional[State]) -> None:
        if state is not None:
            self.states.append(state)

    def _state(self, tracker: DialogueStateTracker, hide_rule_turn: bool) -> Optional[State]:
        """The body of Rasa 3.6's loop for one prior tracker (None: the turn is hidden)."""
        domain, omit_unset_slots, ignore_rule_only_turns, rule_only_data = self.args
        if ignore_rule_only_turns:
            if not self.hidden:
                self.last_ml_action = domain._get_prev_action_sub_state(tracker)
            if (
                not tracker.followup_action
                and not tracker.latest_action_name == tracker.active_loop_name
            ):
                self.hidden = hide_rule_turn
            if self.hidden:
                return None
        state = domain.get_active_state(tracker, omit_unset_slots=omit_unset_slots)
        if ignore_rule_only_turns:
            domain._remove_rule_only_features(state, rule_only_data)
            if self.states:
                domain._substitute_rule_only_user_input(state, self.states[-1])
            if self.last_ml_action:
                state[PREVIOUS_ACTION] = self.last_ml_action
        return domain._clean_state(state)


def _as_featurized(message: UserUttered) -> Tuple:
    """What of a user message can change in place and is in its state."""
    return message.use_text_for_featurization, len(message.entities), message.intent_name


def _tracker_copy(tracker: DialogueStateTracker) -> DialogueStateTracker:
    """A copy of a tracker's state without its events: events only replace its attributes,
    except the slots and the active loop, which they change in place (and the latest user
    message, an event: `_StateFold` keeps none before the first one, see `heard`)."""
    copied = copy.copy(tracker)
    copied.events = None
    copied.slots = {name: copy.copy(slot) for name, slot in tracker.slots.items()}
    copied.active_loop = copy.copy(tracker.active_loop)
    return copied


def past_states(self: DialogueStateTracker, domain: Domain, omit_unset_slots: bool = False,
                ignore_rule_only_turns: bool = False,
                rule_only_data: Optional[Dict[Text, Any]] = None) -> List[State]:
    """Rasa's `past_states`, continued from the last call with the same arguments."""
    args = (domain, omit_unset_slots, ignore_rule_only_turns, rule_only_data)
    if (type(domain).states_for_tracker_history is not _RASA_STATES
            or type(self).generate_all_prior_trackers is not _RASA_PRIOR_TRACKERS):
        return _RASA_PAST_STATES(self, *args)
    folds: List[_StateFold] = self.__dict__.setdefault("_state_folds", [])
    fold = next((fold for fold in folds if fold.matches(*args)), None)
    if fold is not None:
        folds.remove(fold)  # back in only when it is consistent again
    applied = self.applied_events()
    if fold is None or not fold.rewind(applied) or not fold.unchanged():
        fold = _StateFold(self, *args)
    fold.fold(applied)
    folds.insert(0, fold)
    del folds[STATE_FOLDS:]
    return fold.result(_REACH.get())


@contextmanager
def states_reach(reach: int):
    """Within: `past_states` hands out only the last ``reach`` states (8.)."""
    token = _REACH.set(reach)
    try:
        yield
    finally:
        _REACH.reset(token)


def _memo_prediction_states(self: MemoizationPolicy, tracker: DialogueStateTracker, domain: Domain,
                            use_text_for_last_user_input: bool = False,
                            rule_only_data: Optional[Dict[Text, Any]] = None) -> List[State]:
    """Rasa's, with `past_states` reaching ``max_history + 1`` states back (8.)."""
    history = getattr(self.featurizer, "max_history", None)
    if type(self) is not MemoizationPolicy or not history:  # the rule policy sets its own
        return _RASA_MEMO_PREDICTION_STATES(self, tracker, domain, use_text_for_last_user_input,
                                            rule_only_data)
    with states_reach(history + 1):
        return _RASA_MEMO_PREDICTION_STATES(self, tracker, domain, use_text_for_last_user_input,
                                            rule_only_data)


def _longest_rule(policy: RulePolicy) -> int:
    """States in the policy's longest rule (worked out once per trained lookup)."""
    rules = policy.lookup.get(RULES, {})
    cached = policy.__dict__.get("_longest_rule")
    if cached is None or cached[0] is not rules:
        keys = list(rules) + list(policy.lookup.get(RULES_FOR_LOOP_UNHAPPY_PATH, {}))
        cached = (rules, max((len(policy._rule_key_to_state(key)) for key in keys), default=0))
        policy.__dict__["_longest_rule"] = cached
    return cached[1]


def _find_action_from_rules(self: RulePolicy, tracker: DialogueStateTracker, domain: Domain,
                            use_text_for_last_user_input: bool):
    """Rasa's, with `past_states` reaching the longest rule plus one state back (8.)."""
    if type(self) is not RulePolicy:
        return _RASA_FIND_FROM_RULES(self, tracker, domain, use_text_for_last_user_input)
    with states_reach(_longest_rule(self) + 1):
        return _RASA_FIND_FROM_RULES(self, tracker, domain, use_text_for_last_user_input)


def copy_tracker(self: DialogueStateTracker) -> DialogueStateTracker:
    """Rasa's `copy`, replaying only the events appended since the last copy."""
    if type(self).travel_back_in_time is not _RASA_TRAVEL:
        return _RASA_COPY(self)
    events = self.events
    count = len(events)
    memo = self.__dict__.pop("_replayed", None)  # back in only when it is consistent again
    replayed, new = self.init_copy(), events
    if memo is not None:
        done, first, last, kept = memo
        appended = appended_since(events, 0, done, first, last, count)
        if appended is not None:
            replayed, new = kept, appended
    for event in new:
        if not event.timestamp <= float("inf"):  # Rasa's copy stops there (NaN)
            return _RASA_COPY(self)
        replayed.update(event)
    if count:
        self.__dict__["_replayed"] = (count, events[0], events[count - 1], replayed)
    copied = _tracker_copy(replayed)
    copied.events = replayed._create_events(list(replayed.events))
    if copied.latest_message is not self.latest_message:  # its own empty one, not an event
        copied.latest_message = copy.deepcopy(replayed.latest_message)
    copied.__dict__["_form_base"] = (self.__dict__.setdefault("_form_replays", {}), count)
    return copied


def _form_temporary_tracker(self: FormAction, current_tracker: DialogueStateTracker,
                            additional_events: List[Event], domain: Domain) -> DialogueStateTracker:
    """Rasa's `FormAction._temporary_tracker`, continued from a shared replay (see 6.)."""
    base = current_tracker.__dict__.get("_form_base")
    if base is None:
        return _RASA_TEMPORARY_TRACKER(self, current_tracker, additional_events, domain)
    replays, shared = base
    events = list(current_tracker.events)
    own = events[shared:]
    if any(isinstance(event, Restarted) for event in own):
        return _RASA_TEMPORARY_TRACKER(self, current_tracker, additional_events, domain)
    memo = replays.pop(id(domain), None)  # back in only when it is consistent again
    replayed, new = None, []
    if memo is not None:
        kept_domain, start, done, first, last, kept = memo
        appended = appended_since(events, start, done, first, last, shared)
        if (kept_domain is domain and appended is not None
                and not any(isinstance(event, Restarted) for event in appended)):
            replayed, new = kept, appended
    if replayed is None:
        start = next((len(events[:shared]) - index for index, event in
                      enumerate(reversed(events[:shared])) if isinstance(event, Restarted)), 0)
        replayed = DialogueStateTracker(current_tracker.sender_id, domain.slots)
        new = events[start:shared]
    for event in new:
        replayed.update(event)
    if start < shared:
        replays[id(domain)] = (domain, start, shared, events[start], events[shared - 1], replayed)
    temporary = _tracker_copy(replayed)
    temporary.events = replayed._create_events(list(replayed.events))
    message = replayed.latest_message
    if not any(map(operator.is_, events[start:shared], itertools.repeat(message))):
        temporary.latest_message = copy.deepcopy(message)  # its own empty one, not an event
    for event in own + [SlotSet(REQUESTED_SLOT, self.get_slot_to_fill(current_tracker)),
                        ActionExecuted(self.name())] + additional_events:
        temporary.update(event)
    return temporary


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


def _recent(events) -> List[Event]:
    """The latest ``RECENT_EVENTS`` events, and further back to the latest user message."""
    recent, heard = [], False
    for event in reversed(events):
        if len(recent) >= RECENT_EVENTS and heard:
            break
        recent.append(event)
        heard = heard or isinstance(event, UserUttered)
    return recent[::-1]


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
    if self.name() in RECENT_ONLY_ACTIONS:
        state["events"] = [event.as_dict() for event in _recent(events)]
        return result
    older = len(events) - RECENT_EVENTS
    state["events"] = [_short(event) for event in itertools.islice(events, older)
                       if event.type_name not in LEFT_OUT]
    state["events"] += [event.as_dict() for event in itertools.islice(events, older, None)]
    return result


def _format_tracker_states(states: List[State]) -> Text:
    """Rasa's debug text of the states, only when the rule policy logs debug lines."""
    if logging.getLogger(RulePolicy.__module__).isEnabledFor(logging.DEBUG):
        return _RASA_FORMAT_STATES(states)
    return ""


def install() -> None:
    """Use the cached validator, the shorter action call, the continued `applied_events`,
    `past_states`, `copy` and form tracker, and debug states only when debugging, in this
    process (idempotent)."""
    RemoteAction._validate_action_result = _validate_action_result
    RemoteAction._action_call_format = _action_call_format
    DialogueStateTracker.applied_events = applied_events
    DialogueStateTracker.past_states = past_states
    DialogueStateTracker.copy = copy_tracker
    FormAction._temporary_tracker = _form_temporary_tracker
    RulePolicy.format_tracker_states = staticmethod(_format_tracker_states)
    MemoizationPolicy._prediction_states = _memo_prediction_states
    RulePolicy._find_action_from_rules = _find_action_from_rules
