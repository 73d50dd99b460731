"""Custom Rasa input channels: the website widget (socket.io) and Telegram.

Configured in credentials.yml as `channels.webchat.WebchatInput` and
`channels.telegram.TelegramInput`.
"""
