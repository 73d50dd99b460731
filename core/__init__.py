"""What both servers share, with no Rasa or rasa-sdk import: settings, keys, identity, the
names that cross between the processes, the texts, text normalisation and the safety net."""
