"""Erasing one person everywhere: their reflections and their stored conversation."""

from __future__ import annotations

from typing import Dict, Iterable, Optional

from core.identity import DEMO_CHANNELS, sender_key
from core.keys import load_keys
from core.settings import Settings
from store.repository import ReflectionStore, get_store
from store.tracker_events import erase_sender_events


def erase_person(channel: str, raw_id: str, store: Optional[ReflectionStore] = None,
                 settings: Optional[Settings] = None) -> Dict[str, int]:
    """Deletes the reflections and tracker events of ``raw_id`` on ``channel``; returns counts."""
    settings = settings or Settings.from_env()
    counts = (store or get_store()).delete_person(channel, raw_id)
    counts["tracker_events"] = erase_sender_events(
        settings.tracker_db_url, sender_key(channel, raw_id), load_keys(settings))
    return counts


def erase_demo_identity(raw_id: str, channels: Iterable[str] = DEMO_CHANNELS) -> Dict[str, int]:
    """Erases a demo identity on the channels demos use; returns the summed counts."""
    totals: Dict[str, int] = {}
    for channel in channels:
        for kind, count in erase_person(channel, raw_id).items():
            totals[kind] = totals.get(kind, 0) + count
    return totals
