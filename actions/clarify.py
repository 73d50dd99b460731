"""Asking which command was meant, when the classifier hesitates between two.

- `action_ask_which_command` (predicted by components/command_doubt.py): "Wil je stoppen met
  deze reflectie, of bedoel je iets anders?", with a button for each command that fits where
  the person is (core/commands.py) and one for "Iets anders". A command's button is its own
  intent (`/stop_exercise`), so it does exactly what that command does.
- `action_something_else` (the button "Iets anders"): a kind short answer and nothing else.
  In a running reflection the question that was open is asked again, without repeating the
  acknowledgement (data/rules/clarify.yml returns to the form).
"""
from typing import List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import Events
from actions.exercises.form import HINT_RESUMED, HINT_SLOT
from core import texts
from core.commands import choices
from core.names import COMMAND_DOUBT_KEY, SOMETHING_ELSE_INTENT


def in_reflection(tracker: Tracker) -> bool:
    return bool((tracker.active_loop or {}).get("name"))


def question(options: List[str]) -> str:
    """The question naming one or two commands (core/texts.py COMMAND_CHOICES)."""
    names = [texts.COMMAND_CHOICES[o][0] for o in options[:2]]
    if len(names) == 1:
        return texts.COMMAND_QUESTION_ONE.format(a=names[0])
    return texts.COMMAND_QUESTION_TWO.format(a=names[0], b=names[1])


def buttons(options: List[str]) -> List[dict]:
    return [{"title": texts.COMMAND_CHOICES[o][1], "payload": f"/{o}"} for o in options[:2]] + [
        {"title": texts.SOMETHING_ELSE_BUTTON, "payload": f"/{SOMETHING_ELSE_INTENT}"}]


class ActionAskWhichCommand(Action):
    def name(self) -> Text:
        return "action_ask_which_command"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        doubt = tracker.latest_message.get(COMMAND_DOUBT_KEY) or []
        options = choices(doubt, in_reflection(tracker))
        if not options:  # the policy only asks when there is something to offer
            dispatcher.utter_message(text=texts.SOMETHING_ELSE)
            return []
        dispatcher.utter_message(text=question(options), buttons=buttons(options))
        return []


class ActionSomethingElse(Action):
    def name(self) -> Text:
        return "action_something_else"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        if in_reflection(tracker):
            dispatcher.utter_message(text=texts.SOMETHING_ELSE_IN_REFLECTION)
            return [SlotSet(HINT_SLOT, HINT_RESUMED)]
        dispatcher.utter_message(text=texts.SOMETHING_ELSE)
        return []
