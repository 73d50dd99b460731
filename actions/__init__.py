"""Custom actions of the reflection assistant (run by `python -m actions`, or `rasa run actions`)."""
