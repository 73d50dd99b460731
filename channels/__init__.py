"""Rasa input channels: REST, the website widget (socket.io), Telegram, and the demo routes.

Configured in credentials.yml as `channels.rest.RestInput`, `channels.webchat.WebchatInput`
and `channels.telegram.TelegramInput`. All three run every message through one wrapper
(`turns.py`: sender prefix, length cap, rate limit from `rate_limit.py`, kind message when a
turn fails); widget and demo session ids are signed and revoked in `sessions.py`. `demo.py`
(`channels.demo.DemoInput`) serves the facilitators' demo scripts and erases demo identities.
"""
