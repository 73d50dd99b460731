"""Starting, pausing, resuming and finishing a guided reflection.

- `action_start_reflection`: start_exercise. Without a chosen exercise: the menu. With one
  that is unfinished: resume it. Else a new run: intro, then the form asks.
- `action_resume_reflection`: continue_exercise, also in a new conversation; progress comes
  from the reflection store, not the tracker.
- `action_pause_reflection`: stop_exercise while the form runs; progress stays kept.
- `action_finish_reflection`: after the answer to the closing question (the form's last slot,
  asked by the ask action with the reflection on all answers): acknowledge it, close the run in
  the store, and only then offer what could come next ("ja" leads to the choice of reflections,
  "nee" to a kind close: data/rules/exercises.yml).
  When a goodbye ended the form before the last question (actions/exercises/form.py,
  `HINT_LEFT`), it pauses the run with a goodbye instead.
"""
import re
from typing import Any, Dict, Optional, Sequence, Text

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import Events, StoreAction, intent_name
from actions.exercises import progress
from actions.exercises.acknowledge import pick
from actions.exercises.base import (
    RELATIONS,
    SKIPPED,
    SLOTS,
    has_symbol,
    is_dont_know,
    is_short_answer,
    quote,
    tidy,
    words,
)
from actions.exercises.form import (
    FIRST_TRY_SLOT,
    FORM,
    GOODBYE_INTENT,
    HINT_LEFT,
    HINT_RESUMED,
    HINT_SLOT,
    NUDGED_SLOT,
    is_closing,
    question_count,
)
from actions.exercises.registry import get
from core import texts
from store.render import exercise_label
from store.repository import OpenSession, StoreUnavailable

MENU = "utter_menu"
_NAME = re.compile(r"\b[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?\b")
_NOT_NAMES = {"ik", "het", "de", "dat", "die", "dit", "ja", "nee", "mijn", "hij", "zij", "ze", "we", "wij",
              "en", "maar", "als", "dan", "toen", "soms", "misschien", "eigenlijk", "dank", "oké"}
_MY_RELATION = re.compile(r"\b(?:mijn|m'n|mn)\s+(\w+)", re.IGNORECASE)


def run_slots(exercise: Optional[str], session_id: Optional[str],
              answers: Optional[Dict[str, Any]] = None, first_try: Optional[str] = None) -> Events:
    """Slot events that set up (or clear) one run of an exercise."""
    answers = answers or {}
    return [SlotSet("exercise", exercise), SlotSet(progress.SESSION_SLOT, session_id),
            SlotSet(HINT_SLOT, None), SlotSet(NUDGED_SLOT, None), SlotSet(FIRST_TRY_SLOT, first_try),
            SlotSet("requested_slot", None)] + [SlotSet(s, answers.get(s)) for s in SLOTS]


def resume_events(dispatcher: CollectingDispatcher, run: OpenSession) -> Events:
    """Tell the person where they are, with a line of what they wrote before, and activate the
    form at the first open question."""
    exercise = get(run.exercise)
    state = run.progress or {}
    answers = {s: v for s, v in (state.get("answers") or {}).items() if s in SLOTS and isinstance(v, str)}
    total = question_count(exercise, answers) if exercise else len(answers)
    done = len([s for s in SLOTS[:total] if s in answers])
    label = exercise_label(run.exercise)
    if done:
        lines = [texts.RESUMED.format(label=label, done=done, total=total)]
        last = next((answers[s] for s in reversed(SLOTS) if answers.get(s) not in (None, SKIPPED)), None)
        if last:
            lines.append(texts.RESUMED_LAST.format(a=quote(last, 80)))
        dispatcher.utter_message(text=tidy(" ".join(lines)))
    else:
        dispatcher.utter_message(text=texts.RESUMED_FRESH.format(label=label))
    return run_slots(run.exercise, run.id, answers, state.get("first_try")) + [
        SlotSet(HINT_SLOT, HINT_RESUMED), ActiveLoop(FORM)]


class ActionStartReflection(StoreAction):
    def name(self) -> Text:
        return "action_start_reflection"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        key = tracker.get_slot("exercise")
        exercise = get(key)
        if exercise is None:
            dispatcher.utter_message(response=MENU)
            return []
        try:
            unfinished = progress.find_open(tracker, key, self.store_factory)
        except StoreUnavailable:
            unfinished = None
        if unfinished is not None:
            return resume_events(dispatcher, unfinished)
        session_id = progress.start(tracker, key, self.store_factory)
        dispatcher.utter_message(text=f"{texts.EXERCISE_INTROS[key]} {texts.EXERCISE_STOP_NOTE}")
        return run_slots(key, session_id) + [ActiveLoop(FORM)]


class ActionResumeReflection(StoreAction):
    store_down = texts.STORE_DOWN_RESUME

    def name(self) -> Text:
        return "action_resume_reflection"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        wanted = next((e.get("value") for e in tracker.latest_message.get("entities") or []
                       if e.get("entity") == "exercise" and get(e.get("value"))), None)
        unfinished = progress.find_open(tracker, wanted, self.store_factory)
        if unfinished is None or get(unfinished.exercise) is None:
            dispatcher.utter_message(text=texts.NOTHING_TO_RESUME)
            dispatcher.utter_message(response=MENU)
            return []
        return resume_events(dispatcher, unfinished)


def paused_slots() -> Events:
    """A paused run: no question asked, no hint; exercise and session stay for "ga verder"."""
    return [SlotSet("requested_slot", None), SlotSet(HINT_SLOT, None), SlotSet(NUDGED_SLOT, None)]


class ActionPauseReflection(StoreAction):
    """Pause on "stop". At the closing question there is nothing left to pause: the run is closed."""

    def name(self) -> Text:
        return "action_pause_reflection"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        exercise = get(tracker.get_slot("exercise"))
        requested = tracker.get_slot("requested_slot")
        if exercise is not None and requested in SLOTS and is_closing(exercise, tracker.slots,
                                                                       SLOTS.index(requested)):
            dispatcher.utter_message(text=texts.CLOSING_STOPPED)
            progress.finish(tracker, tracker.get_slot(progress.SESSION_SLOT), self.store_factory)
            return [ActiveLoop(None)] + run_slots(None, None)
        dispatcher.utter_message(text=texts.PAUSED)
        return [ActiveLoop(None)] + paused_slots()


class ActionFinishReflection(StoreAction):
    def name(self) -> Text:
        return "action_finish_reflection"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        key = tracker.get_slot("exercise")
        exercise = get(key)
        if exercise is None:
            return []
        if tracker.get_slot(HINT_SLOT) == HINT_LEFT:  # "doei 👋" halfway: paused, not finished
            dispatcher.utter_message(text=texts.PAUSED_GOODBYE)
            return paused_slots()
        session_id = tracker.get_slot(progress.SESSION_SLOT)
        closing_slot = SLOTS[min(question_count(exercise, tracker.slots), len(SLOTS) - 1)]
        answer = tracker.get_slot(closing_slot)
        progress.finish(tracker, session_id, self.store_factory)
        if intent_name(tracker.latest_message) == GOODBYE_INTENT:  # "dank je, doei": a goodbye
            dispatcher.utter_message(text=texts.CLOSING_GOODBYE)
            return run_slots(None, None)
        earlier = [v for s, v in tracker.slots.items() if s in SLOTS and isinstance(v, str) and v != answer]
        person = person_named(answer if isinstance(answer, str) else "", earlier)
        if not isinstance(answer, str) or answer == SKIPPED:
            ack = texts.ACK_CLOSING_NONE
        elif person:
            ack = pick(texts.ACK_CLOSING_PERSON, answer).format(wie=person)
        elif is_short_answer(answer) or is_dont_know(answer) or has_symbol(answer) or len(words(answer)) < 4:
            ack = pick(texts.ACK_CLOSING_SHORT, answer)
        else:
            ack = pick(texts.ACK_CLOSING, answer)
        dispatcher.utter_message(
            text=f"{ack} {texts.CLOSING_NEXT}",
            buttons=[{"title": t, "payload": p} for t, p in texts.CLOSING_NEXT_BUTTONS],
        )
        return run_slots(None, None)


def person_named(text: str, earlier: Sequence[str] = ()) -> Optional[str]:
    """Someone the answer names, to say back: by relation ("mijn zus" -> "je zus"), or by a name
    they wrote in an earlier answer of this reflection ("Ilse"); else None."""
    match = _MY_RELATION.search(text or "")
    if match and match.group(1).lower() in RELATIONS:
        return f"je {match.group(1).lower()}"
    before = " ".join(earlier)
    for name in _NAME.findall(text or "")[1:] + _NAME.findall(text or "")[:1]:
        if name.lower() not in _NOT_NAMES and re.search(rf"\b{re.escape(name)}\b", before):
            return name
    return None
