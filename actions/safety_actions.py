"""The safety dialogue (rules: data/rules/safety.yml).

The safety answers themselves are responses in the rules, so they reach the person even when
the action server is down; these actions do the bookkeeping and the parts that need a choice.
- `action_safety_response`: after a crisis or danger answer: sets `after_crisis`, moves the
  short follow-up (utter_crisis_again) on, and adds the domestic-violence lines when a crisis
  message also speaks of danger from someone else.
- `action_safety_check_in`: an unclear signal gets a kind, direct question (at most twice in a
  session; after that the conversation simply goes on).
- `action_safety_answer`: the answer to that question. Yes (or doubt): the crisis response.
  No: believed. Anything else: the conversation goes on (the net has already read it: a risk
  sign in it would have made it a safety intent of its own).
"""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import intent_name
from actions.noticing_actions import ActionNotice
from core import texts
from core.names import AFTER_CRISIS_SLOT, TIER_INTENTS
from core.safety import VIOLENCE, answer_to_question, assess

QUESTION_SLOT = "safety_question"
ASKED_SLOT = "safety_questions_asked"
FOLLOW_UP_SLOT = "crisis_follow_up"
FOLLOW_UPS = [None, "tweede", "derde"]  # the variations of utter_crisis_again, in turn
MAX_QUESTIONS = 2  # per session


def after_crisis_events(tracker: Tracker) -> List[Dict[Text, Any]]:
    """Mark the session; after a follow-up (utter_crisis_again), the next one is another."""
    events = [SlotSet(AFTER_CRISIS_SLOT, True), SlotSet(QUESTION_SLOT, False)]
    if tracker.get_slot(AFTER_CRISIS_SLOT):
        current = tracker.get_slot(FOLLOW_UP_SLOT)
        following = FOLLOW_UPS[(FOLLOW_UPS.index(current) + 1) % len(FOLLOW_UPS)]
        events.append(SlotSet(FOLLOW_UP_SLOT, following))
    return events


class ActionSafetyResponse(Action):
    """Bookkeeping after the crisis or danger answer (the answer itself is a response)."""

    def name(self) -> Text:
        return "action_safety_response"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        intent = intent_name(tracker.latest_message)
        found = assess(tracker.latest_message.get("text") or "")
        if intent != TIER_INTENTS[VIOLENCE] and VIOLENCE in found.signals:
            dispatcher.utter_message(text=texts.CRISIS_DANGER_TOO)
        return after_crisis_events(tracker)


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
        return [SlotSet(QUESTION_SLOT, True), SlotSet(ASKED_SLOT, float(asked + 1))]


class ActionSafetyAnswer(Action):
    """Yes gets the crisis response; no is believed; anything else: the conversation goes on."""

    def name(self) -> Text:
        return "action_safety_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[Dict[Text, Any]]:
        intent = intent_name(tracker.latest_message)
        answer = answer_to_question(tracker.latest_message.get("text") or "", intent)
        if not tracker.get_slot(QUESTION_SLOT) or answer is None:
            return await ActionNotice().run(dispatcher, tracker, domain) + [SlotSet(QUESTION_SLOT, False)]
        if answer:
            for response in ("utter_safety_yes", "utter_crisis", "utter_crisis_stay"):
                dispatcher.utter_message(response=response)
            return after_crisis_events(tracker)
        dispatcher.utter_message(response="utter_safety_no")
        return [SlotSet(QUESTION_SLOT, False)]
