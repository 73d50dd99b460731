"""One normalisation for the safety net, the advice guard and the noticing engine."""
from core import advice_guard, safety
from core.normalise import drop_invisible, fold, fold_accents, fold_quotes


def test_the_pieces():
    assert fold_quotes("‘k zeg “nee” «echt» `ja´") == "'k zeg \"nee\" \"echt\" 'ja'"
    assert drop_invisible("een\u00adzaam\u200b \ufeffik\u2060") == "eenzaam ik"
    assert fold_accents("één Café 𝐈𝐤") == "een Cafe Ik"
    assert fold("Ｉ\u200bk ’t WÉL") == "ik 't wel"
    assert fold(None) == ""


def test_safety_net_and_guard_read_the_same_folding():
    assert safety.normalise("Ik wíl ’t niet\u00ad meer") == "ik wil het niet meer"
    assert advice_guard.normalise("  Je   m\u00adóét  ") == "je moet"
    assert not advice_guard.is_clean("𝐉𝐞 𝐦𝐨𝐞𝐭 𝐠𝐞𝐰𝐨𝐨𝐧 𝐩𝐫𝐨𝐛𝐞𝐫𝐞𝐧")
