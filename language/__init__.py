"""Builds the project's Dutch spaCy pipeline (used by Rasa's SpacyNLP and the action server)."""
