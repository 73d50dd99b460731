"""The guided reflections by key (the values of the `exercise` slot)."""
from typing import Dict, Optional

from actions.exercises.base import Exercise
from actions.exercises.geven_om import GevenOm
from actions.exercises.kennen import Kennen
from actions.exercises.positieve_gezondheid import PositieveGezondheid
from actions.exercises.reflectievragen import Reflectievragen
from actions.exercises.samenhang import Samenhang
from actions.exercises.verbondenheid import Verbondenheid
from actions.exercises.vier_lijstjes import VierLijstjes
from actions.exercises.zingeving import Zingeving

EXERCISES: Dict[str, Exercise] = {
    e.key: e for e in (Kennen(), GevenOm(), VierLijstjes(), Reflectievragen(), Verbondenheid(), Samenhang(),
                       PositieveGezondheid(), Zingeving())
}


def get(key: Optional[str]) -> Optional[Exercise]:
    return EXERCISES.get(key or "")
