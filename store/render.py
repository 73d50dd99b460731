"""Turns reflections into Dutch text for people: a short phone-sized overview and an export."""

from __future__ import annotations

from datetime import datetime
from typing import Dict, Iterable, List, Optional
from zoneinfo import ZoneInfo

from core import texts
from core.settings import Settings
from store.models import utcnow


def _local(moment: datetime) -> datetime:
    return moment.astimezone(ZoneInfo(Settings.from_env().display_tz))


def date_short(moment: datetime) -> str:
    local = _local(moment)
    return texts.DATE_SHORT.format(
        day=local.day, month_abbr=texts.MONTHS_SHORT[local.month - 1], time=local.strftime("%H:%M")
    )


def date_long(moment: datetime) -> str:
    local = _local(moment)
    return texts.DATE_LONG.format(
        day=local.day,
        month=texts.MONTHS[local.month - 1],
        year=local.year,
        time=local.strftime("%H:%M"),
    )


def exercise_label(exercise: str) -> str:
    return texts.EXERCISE_LABELS.get(exercise) or exercise.replace("_", " ").capitalize()


def _grouped(reflections: Iterable) -> Dict[str, List]:
    groups: Dict[str, List] = {}
    for reflection in reflections:
        groups.setdefault(reflection.exercise, []).append(reflection)
    return groups


def shorten(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def render_recent(reflections: List, has_more: bool, item_chars: int = 160) -> str:
    """Newest first, grouped by exercise (the group with the newest reflection on top)."""
    parts = [texts.REFLECTIONS_RECENT_INTRO]
    for exercise, items in _grouped(reflections).items():
        lines = [exercise_label(exercise)]
        lines += [
            texts.REFLECTIONS_RECENT_ITEM.format(
                date=date_short(r.created_at), text=shorten(r.text, item_chars) or "…"
            )
            for r in items
        ]
        parts.append("\n".join(lines))
    if has_more:
        parts.append(texts.REFLECTIONS_RECENT_MORE)
    return "\n\n".join(parts)


def render_export(reflections: List, now: Optional[datetime] = None) -> str:
    """All reflections as Markdown: one section per exercise, oldest first within it."""
    parts = [texts.EXPORT_TITLE, texts.EXPORT_INTRO.format(date=date_long(now or utcnow()))]
    if not reflections:
        parts.append(texts.EXPORT_NONE)
    for exercise, items in _grouped(reflections).items():
        parts.append(f"## {exercise_label(exercise)}")
        for r in items:
            heading = texts.EXPORT_ENTRY.format(
                date=date_long(r.created_at), step=r.step.replace("_", " ")
            )
            parts.append(f"{heading}\n\n{r.text}")
    return "\n\n".join(parts) + "\n"


def split_message(text: str, limit: int) -> List[str]:
    """Split into chunks of at most ``limit`` characters, at paragraph, line or word ends.

    Joining the chunks with nothing in between gives back ``text`` exactly.
    """
    chunks = []
    while len(text) > limit:
        window = text[:limit]
        cut = limit
        for separator in ("\n\n", "\n", " "):
            at = window.rfind(separator)
            if at >= limit // 2:
                cut = at + len(separator)
                break
        chunks.append(text[:cut])
        text = text[cut:]
    if text:
        chunks.append(text)
    return chunks
