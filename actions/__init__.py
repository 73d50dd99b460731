"""Custom actions of the reflection assistant (run by `rasa run actions`)."""
