"""The safety dialogue (rules: data/rules/safety.yml).

- `action_safety_response`: a crisis message (full crisis response the first time in a session,
  short varied follow-ups with the lines after that), danger from someone else, or a loss by
  suicide. A crisis or danger message sets `after_crisis`.
- `action_safety_check_in`: an unclear signal gets a kind, direct question (at most twice in a
  session; after that the conversation simply goes on).
- `action_safety_answer`: the answer to that question. Yes: the crisis response. No: believed.
  Anything else: the conversation goes on (the net has already read it: a risk sign in it would
  have made it a safety intent of its own).
A running reflection is paused (it stays resumable) by any of them.
"""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import texts
from actions.exercises.form import HINT_SLOT, NUDGED_SLOT
from actions.noticing_actions import ActionNotice
from actions.safety import AFTER_CRISIS_SLOT, VIOLENCE, answer_to_question, assess

QUESTION_SLOT = "safety_question"
ASKED_SLOT = "safety_questions_asked"
MAX_QUESTIONS = 2  # per session
CRISIS_RESPONSE = "utter_crisis"


def _session_events(tracker: Tracker) -> List[Dict[Text, Any]]:
    events = list(tracker.events)
    starts = [i for i, e in enumerate(events) if e.get("event") == "session_started"]
    return events[starts[-1]:] if starts else events


def _bot_texts(tracker: Tracker) -> List[str]:
    return [e.get("text") or "" for e in _session_events(tracker) if e.get("event") == "bot"]


def _pause_events(tracker: Tracker) -> List[Dict[Text, Any]]:
    """Pause a running reflection (its progress stays in the reflection store)."""
    if not tracker.active_loop_name:
        return []
    return [ActiveLoop(None), SlotSet("requested_slot", None), SlotSet(HINT_SLOT, None),
            SlotSet(NUDGED_SLOT, None)]


def crisis_reply(dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict]:
    """The full crisis response once per session, then short follow-ups that always carry the lines."""
    said = _bot_texts(tracker)
    full = {v.get("text") for v in (domain.get("responses") or {}).get(CRISIS_RESPONSE) or []}
    if not full.intersection(said):
        dispatcher.utter_message(response=CRISIS_RESPONSE)
        dispatcher.utter_message(response="utter_crisis_stay")
    else:
        recent = said[-3:]
        start = sum(1 for text in said if text in texts.CRISIS_AGAIN)
        options = [texts.CRISIS_AGAIN[(start + k) % len(texts.CRISIS_AGAIN)]
                   for k in range(len(texts.CRISIS_AGAIN))]
        dispatcher.utter_message(text=next((o for o in options if o not in recent), options[0]))
    if VIOLENCE in assess(tracker.latest_message.get("text") or "").signals:
        dispatcher.utter_message(text=texts.CRISIS_DANGER_TOO)
    return [SlotSet(AFTER_CRISIS_SLOT, True), SlotSet(QUESTION_SLOT, False)]


class ActionSafetyResponse(Action):
    """Answers crisis, danger from someone else and a loss by suicide."""

    def name(self) -> Text:
        return "action_safety_response"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent == "bereaved_by_suicide":
            dispatcher.utter_message(response="utter_bereaved_by_suicide")
            dispatcher.utter_message(response="utter_bereaved_lines")
            return _pause_events(tracker)
        if intent == "danger_from_others":
            dispatcher.utter_message(response="utter_danger_from_others")
            dispatcher.utter_message(response="utter_danger_stay")
            return [SlotSet(AFTER_CRISIS_SLOT, True)] + _pause_events(tracker)
        return crisis_reply(dispatcher, tracker, domain) + _pause_events(tracker)


class ActionSafetyCheckIn(Action):
    """Asks kindly and directly whether the person thinks about death or suicide."""

    def name(self) -> Text:
        return "action_safety_check_in"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        asked = int(tracker.get_slot(ASKED_SLOT) or 0)
        if asked >= MAX_QUESTIONS:
            return await ActionNotice().run(dispatcher, tracker, domain) + [SlotSet(QUESTION_SLOT, False)]
        text = " ".join((tracker.latest_message.get("text") or "").split())
        question = texts.CHECK_IN_QUESTIONS[asked]
        if text and len(text) <= texts.CHECK_IN_QUOTE_CHARS and asked == 0:
            question = f"{texts.CHECK_IN_QUOTED.format(zin=text.rstrip('.!?'))} {question}"
        dispatcher.utter_message(text=question, buttons=[{"title": t, "payload": p}
                                                         for t, p in texts.CHECK_IN_BUTTONS])
        return [SlotSet(QUESTION_SLOT, True), SlotSet(ASKED_SLOT, float(asked + 1))] + _pause_events(tracker)


class ActionSafetyAnswer(Action):
    """Yes gets the crisis response; no is believed; anything else: the conversation goes on."""

    def name(self) -> Text:
        return "action_safety_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        answer = answer_to_question(tracker.latest_message.get("text") or "", intent)
        if not tracker.get_slot(QUESTION_SLOT) or answer is None:
            return await ActionNotice().run(dispatcher, tracker, domain) + [SlotSet(QUESTION_SLOT, False)]
        if answer:
            dispatcher.utter_message(response="utter_safety_yes")
            return crisis_reply(dispatcher, tracker, domain)
        dispatcher.utter_message(response="utter_safety_no")
        return [SlotSet(QUESTION_SLOT, False)]
