"""Operator commands for the reflection log.

    python -m store.cli export telegram:1234 [--out f.md]  # or a 64-hex person key
    python -m store.cli delete telegram:1234               # reflections + tracker events

A person is ``<channel>:<sender id>`` exactly as the tracker names them (core/identity.py).
    python -m store.cli purge [--days N]                   # retention (default from env)
    python -m store.cli flush                              # write the spool now
    python -m store.cli migrate                            # alembic upgrade head
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import List, Optional, Tuple

from core.settings import Settings
from store.db import upgrade_schema
from store.erasure import erase_person
from store.render import render_export
from store.repository import StoreUnavailable, get_store
from store.tracker_events import purge_events_older_than

PERSON_KEY = re.compile(r"^[0-9a-f]{64}$")


def parse_person(value: str) -> Tuple[Optional[str], Optional[str], Optional[str]]:
    """``channel:sender_id`` -> (channel, sender, None); a person key -> (None, None, key)."""
    if PERSON_KEY.match(value):
        return None, None, value
    channel, colon, sender_id = value.partition(":")
    if not colon or not channel or not sender_id:
        raise argparse.ArgumentTypeError("give channel:sender_id or a 64-hex person key")
    return channel, sender_id, None


def _export(args) -> int:
    channel, sender_id, key = args.person
    store = get_store()
    key = key or store.person_key(channel, sender_id)
    document = render_export(store.all_reflections_by_key(key))
    if args.out:
        fd = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(document)
    else:
        sys.stdout.write(document)
    return 0


def _delete(args) -> int:
    channel, sender_id, key = args.person
    if key is None:
        counts = erase_person(channel, sender_id)
    else:
        counts = get_store().delete_person_by_key(key)
        print("Only a person key was given: tracker events need channel:sender_id.")
    print(" ".join(f"{kind}={n}" for kind, n in counts.items()))
    return 0


def _purge(args) -> int:
    settings = Settings.from_env()
    days = settings.retention_days if args.days is None else args.days
    counts = get_store().purge_older_than(days)
    counts["tracker_events"] = purge_events_older_than(settings.tracker_db_url, days)
    print(f"older than {days} days: " + " ".join(f"{k}={n}" for k, n in counts.items()))
    return 0


def _flush(_args) -> int:
    print(f"spooled entries written: {get_store().flush_spool()}")
    return 0


def _migrate(_args) -> int:
    upgrade_schema(get_store().engine)
    print("schema is at head")
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m store.cli", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="print one person's reflections as Markdown")
    export.add_argument("person", type=parse_person)
    export.add_argument("--out", help="write to this file (mode 0600) instead of stdout")
    export.set_defaults(run=_export)
    remove = commands.add_parser("delete", help="delete one person's reflections and events")
    remove.add_argument("person", type=parse_person)
    remove.set_defaults(run=_delete)
    purge = commands.add_parser("purge", help="delete reflections and tracker events older than N days")
    purge.add_argument("--days", type=int, help="default: REFLECTION_RETENTION_DAYS")
    purge.set_defaults(run=_purge)
    commands.add_parser("flush", help="write spooled entries now").set_defaults(run=_flush)
    commands.add_parser("migrate", help="create or upgrade the schema").set_defaults(run=_migrate)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except StoreUnavailable as exc:
        print(f"reflection database unavailable: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
