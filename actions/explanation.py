"""Explains an idea behind the conversations (ask_explanation), by topic."""
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

TOPICS = ("eenzaamheid", "kennen", "geven_om", "geen_advies", "verbondenheid", "samenhang", "gehoord",
          "positieve_gezondheid", "zingeving")


class ActionExplain(Action):
    """Utters `utter_explain_<topic>` (general overview when no known topic) and clears the topic."""

    def name(self) -> Text:
        return "action_explain"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        topic = tracker.get_slot("topic") or next(
            tracker.get_latest_entity_values("exercise"), None
        )  # "wat is kennen?" names a topic through the exercise lexicon
        dispatcher.utter_message(response=f"utter_explain_{topic if topic in TOPICS else 'algemeen'}")
        return [SlotSet("topic", None)]
