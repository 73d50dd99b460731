"""A stand-in assistant for the demo tests that need no model."""
from typing import Dict, List

from demos.runner import Backend

MENU = [{"title": "Gewoon praten", "payload": "/just_talk"},
        {"title": "De vier lijstjes", "payload": '/start_exercise{"exercise": "vier_lijstjes"}'}]


class FakeBackend(Backend):
    """Answers from a table (message -> reply text); records what was sent and cleaned up."""

    def __init__(self, replies: Dict[str, str], buttons: Dict[str, List[Dict]] = None) -> None:
        self.replies = replies
        self.buttons = buttons or {}
        self.sent: List[tuple] = []
        self.cleaned: List[str] = []

    def send(self, sender: str, message: str) -> List[Dict]:
        self.sent.append((sender, message))
        reply = {"recipient_id": sender, "text": self.replies.get(message, "Vertel eens?")}
        if message in self.buttons:
            reply["buttons"] = self.buttons[message]
        return [reply]

    def cleanup(self, sender: str) -> None:
        self.cleaned.append(sender)
