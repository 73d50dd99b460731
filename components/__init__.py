"""Rasa-server-side extensions: NLU components, tracker store, lock store, channels."""
