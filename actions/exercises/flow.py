"""Starting, pausing, resuming and finishing a guided reflection.

- `action_start_reflection`: start_exercise. Without a chosen exercise: the menu. With one
  that is unfinished: resume it. Else a new run: intro, then the form asks.
- `action_resume_reflection`: continue_exercise, also in a new conversation; progress comes
  from the reflection store, not the tracker.
- `action_pause_reflection`: stop_exercise while the form runs; progress stays kept.
- `action_finish_reflection`: after the last question: reflect back what was noticed across the
  answers, close the run in the store, offer what could come next.
"""
import re
from typing import Any, Dict, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import Events, StoreAction
from actions.exercises import progress
from actions.exercises.base import SLOTS
from actions.exercises.form import (
    FIRST_TRY_SLOT,
    FORM,
    HINT_SLOT,
    NUDGED_SLOT,
    answers_from,
    required,
)
from actions.exercises.registry import get
from actions.exercises.vier_lijstjes import lists_from, overview
from core import texts
from core.advice_guard import is_clean
from store.render import exercise_label
from store.repository import OpenSession, StoreUnavailable

MENU = "utter_menu"
QUOTED = re.compile(r"“[^”]*”")  # the person's own words: the guard checks what we add around them
OVERVIEW_STEP = "overzicht"


def run_slots(exercise: Optional[str], session_id: Optional[str],
              answers: Optional[Dict[str, Any]] = None, first_try: Optional[str] = None) -> Events:
    """Slot events that set up (or clear) one run of an exercise."""
    answers = answers or {}
    return [SlotSet("exercise", exercise), SlotSet(progress.SESSION_SLOT, session_id),
            SlotSet(HINT_SLOT, None), SlotSet(NUDGED_SLOT, None), SlotSet(FIRST_TRY_SLOT, first_try),
            SlotSet("requested_slot", None)] + [SlotSet(s, answers.get(s)) for s in SLOTS]


def resume_events(dispatcher: CollectingDispatcher, run: OpenSession) -> Events:
    """Tell the person where they are and activate the form at the first open question."""
    exercise = get(run.exercise)
    state = run.progress or {}
    answers = {s: v for s, v in (state.get("answers") or {}).items() if s in SLOTS and isinstance(v, str)}
    done = len(answers)
    total = len(required(exercise, answers))
    if done:
        dispatcher.utter_message(text=texts.RESUMED.format(label=exercise_label(run.exercise),
                                                           done=done, total=total))
    else:
        dispatcher.utter_message(text=texts.RESUMED_FRESH.format(label=exercise_label(run.exercise)))
    return run_slots(run.exercise, run.id, answers, state.get("first_try")) + [ActiveLoop(FORM)]


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


class ActionPauseReflection(Action):
    def name(self) -> Text:
        return "action_pause_reflection"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        dispatcher.utter_message(text=texts.PAUSED)
        return [ActiveLoop(None), SlotSet("requested_slot", None), SlotSet(HINT_SLOT, None),
                SlotSet(NUDGED_SLOT, None)]


class ActionFinishReflection(StoreAction):
    def name(self) -> Text:
        return "action_finish_reflection"

    async def act(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        key = tracker.get_slot("exercise")
        exercise = get(key)
        if exercise is None:
            return []
        session_id = tracker.get_slot(progress.SESSION_SLOT)
        answers = answers_from(exercise, tracker.slots)
        extra = {"first_try": tracker.get_slot(FIRST_TRY_SLOT)}
        if key == "vier_lijstjes":
            extra["done_before"] = progress.done_before(tracker, key, OVERVIEW_STEP, session_id,
                                                        self.store_factory)
            if answers:
                progress.log_answer(dispatcher, tracker, key, OVERVIEW_STEP, overview(lists_from(answers)),
                                    session_id, self.store_factory)
        for parts in exercise.closing(answers, extra):
            kept = [p for p in parts if p and is_clean(QUOTED.sub("“”", p))]
            if kept:
                dispatcher.utter_message(text=" ".join(kept))
        dispatcher.utter_message(
            text=texts.CLOSING_NEXT,
            buttons=[{"title": t, "payload": p} for t, p in texts.CLOSING_NEXT_BUTTONS],
        )
        progress.finish(tracker, session_id, self.store_factory)
        return run_slots(None, None)
