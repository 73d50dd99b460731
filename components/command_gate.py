"""NLU component: commands are acted on only when the classifier is sure of them.

Two jobs, both because a confident misread is worse than a kind "bedoel je ...?":

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
  before. That is where most free text with two commands on top lands (measured on the
  current model: "mijn opa is vorige maand gestorven" is show_reflections 0.50 /
  continue_exercise 0.19, "ik word volgende maand ontslagen, ze sluiten onze vestiging"
  skip_question 0.48 / goodbye 0.37), and asking those "wil je je reflecties teruglezen?" would
  not hear them. With softmax confidences a first command at ASK_BELOW is at least
  2 * ASK_BELOW - 1 = 0.7 ahead of the second, so a small gap needs no test of its own.

  ASK_BELOW, measured on tests/nlu/dev_nlu.yml (never on the test set): every correctly read
  command with a command second had at least 0.925; the two misread commands that were acted
  on had 0.64 ("met deze reflectie wil ik niet verder": continue_exercise) and 0.74 ("later 👋":
  stop_exercise). On 1,004 free-text messages of tests/corpora and the reflection answers of
  the conversation tests, two commands on top between 0.6 and 0.85 occur three times: "ik wil
  slapen, het is al laat" (goodbye 0.71: "wil je ons gesprek afsluiten?" fits), "ik wil later
  begraven worden in mijn dorp" (stop_exercise 0.63, misread today too; "Iets anders" is the way
  out) and "de kinderen slaan elkaar met kussens" (skip_question 0.71: nothing is offered outside
  a reflection, and inside one a skip is taken as the answer, so no question is asked).
"""
from typing import Any, Dict, List, Optional, Sequence

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.rule_component import FALLBACK, FALLBACK_THRESHOLD, RuleComponent, demote_intent
from core.names import COMMAND_DOUBT_KEY, COMMAND_INTENTS

COMMANDS = ("delete_my_data", "show_reflections", "export_reflections")
THRESHOLD = 0.9
#: Below this confidence the first of two commands is not clearly right: ask (see above).
ASK_BELOW = 0.85


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


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CommandGate(RuleComponent, IntentClassifier):
    """Marks doubt between two commands; demotes unsure guesses of data commands."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            doubt = doubt_of(message)
            if doubt:
                message.set(COMMAND_DOUBT_KEY, doubt, add_to_output=True)
            intent = message.get(INTENT) or {}
            if intent.get("name") in COMMANDS and intent.get("confidence", 0) < THRESHOLD:
                demote_intent(message, skip=COMMANDS)
        return messages
