"""The action server runs without Rasa, as in its own image: one whole conversation through
the trained model, with every action answered by a server process where `import rasa` fails."""
import sys

import pytest

from testkit.assistant import Assistant
from testkit.services import Service, process_env

NO_RASA = ("import runpy, sys; sys.modules['rasa'] = None; "
           "runpy.run_module('actions', run_name='__main__', alter_sys=True)")


@pytest.fixture(scope="module")
def assistant_without_rasa(service_env, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("no-rasa")
    server = Service(workdir / "actions-no-rasa.log")
    server.spawn([sys.executable, "-c", NO_RASA, "-p", str(server.port)], process_env(**service_env))
    server.wait("/health", 120)
    bot = Assistant(f"{server.url}/webhook", workdir)
    yield bot, server
    bot.close()
    server.stop()


def test_a_reflection_is_kept_shown_and_erased_without_rasa(assistant_without_rasa, sender):
    bot, server = assistant_without_rasa
    assert bot.texts(sender, "hallo").strip()
    first = bot.texts(sender, '/start_exercise{"exercise": "geven_om"}')
    assert "stop" in first
    bot.texts(sender, "mijn zus")
    bot.texts(sender, "Ze lacht minder en ze reageert laat op mijn berichtjes.")
    closing = bot.texts(sender, "Het valt me op dat je minder lacht. Hoe gaat het met je?")
    assert "opmerken" in closing, closing
    assert "mijn zus" in bot.texts(sender, "laat mijn reflecties zien")
    assert "wissen" in bot.texts(sender, "verwijder al mijn gegevens")
    assert "gewist" in bot.texts(sender, "ja")
    assert "mijn zus" not in bot.texts(sender, "laat mijn reflecties zien")
    log = server.log()
    assert "ModuleNotFoundError" not in log and "Traceback" not in log, log[-3000:]
