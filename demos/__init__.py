"""Scripted demos for facilitators: validate, play, check and export demo conversations.

    python -m demos validate [FILE ...]     python -m demos check [FILE ...]
    python -m demos play FILE [--url URL]   python -m demos transcript FILE [--html]

Scripts live in demos/scripts/ (format: demos/README.md and demos/script.py).
"""
