"""NLU component: commands are acted on only when the classifier is sure of them.

Three jobs, all because a confident misread is worse than a kind "bedoel je ...?":

- **Stop and continue about life are free text.** "ik wil stoppen met roken" or "ik wil niet
  meer verder met hem" has the words of a command, but its object is not this conversation
  (core/command_object.py). Such a message is demoted past every command: it is noticed, or
  taken as the answer in a reflection, instead of stopping the reflection.

- **Data commands need a confident classification.** A long answer in a reflection ("Ik probeer
  van alles tegelijk te doen ...") can look like "wis mijn gegevens" to the classifier. Such a
  guess would pause the reflection and ask to delete everything. Below THRESHOLD the next intent
  in the ranking is used instead. Buttons (`/delete_my_data`) and clear requests are far above it.
- **Doubt between two commands is marked.** When the two most likely intents (`nlu_fallback`
  left out) are both commands (core/names.py COMMAND_INTENTS) and the first would be acted on
  (at least the fallback threshold) but is not clearly right (below ASK_BELOW), the message gets
  `command_doubt`: the two names, most likely first. components/command_doubt.py then asks
  which one was meant, where that makes sense, instead of guessing.

  Below the fallback threshold nothing is guessed: the message is noticed as free text, as
  before; asking a person who tells about their day "wil je je reflecties teruglezen?" would
  not hear them. With probabilities a first command at ASK_BELOW is at least
  2 * ASK_BELOW - 1 = 0.2 ahead of the second, and FallbackClassifier's ambiguity threshold
  already sends a smaller gap to `nlu_fallback`.

  The thresholds are measured on tests/nlu/dev_nlu.yml (never on the test set) with the
  logistic-regression classifier (components/intent_classifier.py), whose probabilities are
  flatter than DIET's were. ASK_BELOW: correctly read commands with a command second start at
  0.51 ("ga voort": continue_exercise, goodbye second); the four between 0.6 and 0.85 are all
  right ("later 👋", "we doen later verder, ik moet weg"; DIET misread the first), so asking
  there would only add a click. On 675 free-text messages of tests/corpora (listening, sharing,
  benign), two commands on top between the fallback threshold and 0.6 occur once ("ik stap
  eruit, uit dat project": stop_exercise 0.39, goodbye second; "Iets anders" is the way out).
  THRESHOLD: every correct data command on the dev set has at least 0.78 ("mijn reflecties van
  deze maand"); the one data command read wrongly above the fallback threshold has 0.36
  ("welke keuzes heb ik": show_reflections).
"""
from typing import Any, Dict, List, Optional, Sequence

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_TYPE,
    INTENT,
    INTENT_RANKING_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from components.rule_component import FALLBACK, FALLBACK_THRESHOLD, RuleComponent, demote_intent
from core.command_object import about_life
from core.names import COMMAND_DOUBT_KEY, COMMAND_INTENTS

COMMANDS = ("delete_my_data", "show_reflections", "export_reflections")
THRESHOLD = 0.7
#: Below this confidence the first of two commands is not clearly right: ask (see above).
ASK_BELOW = 0.6
#: Commands that take an object ("stoppen met ...", "verder met ...").
WITH_OBJECT = ("stop_exercise", "continue_exercise")


def command_doubt(ranking: Sequence[Dict[str, Any]]) -> Optional[List[str]]:
    """The two commands a ranking hesitates between (most likely first), or None."""
    ranked = [r for r in ranking if r.get("name") != FALLBACK]
    if len(ranked) < 2:
        return None
    first, second = ranked[0], ranked[1]
    if first.get("name") not in COMMAND_INTENTS or second.get("name") not in COMMAND_INTENTS:
        return None
    if not FALLBACK_THRESHOLD <= float(first.get("confidence") or 0) < ASK_BELOW:
        return None
    return [first["name"], second["name"]]


def doubt_of(message: Message) -> Optional[List[str]]:
    """The doubt of a parsed message; a button payload is never in doubt."""
    if (message.get(TEXT) or "").startswith("/"):
        return None
    return command_doubt(message.get(INTENT_RANKING_KEY) or [])


def is_about_life(message: Message) -> bool:
    """A typed stop or continue whose object is the person's life, not this conversation (a
    message naming a reflection, an `exercise` entity, is about this conversation)."""
    text = message.get(TEXT) or ""
    if (message.get(INTENT) or {}).get("name") not in WITH_OBJECT or text.startswith("/"):
        return False
    if any(e.get(ENTITY_ATTRIBUTE_TYPE) == "exercise" for e in message.get(ENTITIES) or []):
        return False
    return about_life(text)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CommandGate(RuleComponent, IntentClassifier):
    """Marks doubt between two commands; demotes unsure guesses of data commands."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if is_about_life(message):
                demote_intent(message, skip=COMMAND_INTENTS)
                continue
            doubt = doubt_of(message)
            if doubt:
                message.set(COMMAND_DOUBT_KEY, doubt, add_to_output=True)
            intent = message.get(INTENT) or {}
            if intent.get("name") in COMMANDS and intent.get("confidence", 0) < THRESHOLD:
                demote_intent(message, skip=COMMANDS)
        return messages
