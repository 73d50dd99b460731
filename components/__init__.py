"""Rasa-server-side extensions: NLU components, tracker and lock stores, and a speed-up.

Importing this package (Rasa does, for the components named in config.yml and endpoints.yml)
installs the cached action-result validator from `components.speedups`.
"""
from components import speedups

speedups.install()
