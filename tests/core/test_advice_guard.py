"""The advice guard flags advice, reassurance and worry, Dutch and Flemish, and lets honest refusals pass."""
import pytest

from core.advice_guard import find_violations, is_clean, normalise

FLAGGED = [
    "Je moet gewoon eens bellen.",
    "Moet je niet eens naar buiten?",
    "Ge moet dat aan uw zus zeggen.",
    "Gij moet meer buiten komen.",
    "Je  zou   wat vaker moeten afspreken.",
    "Zou je kunnen proberen om haar te bellen?",
    "Probeer eens te wandelen.",
    "Probeer om elke dag iemand te spreken.",
    "Mijn advies: ga naar een club.",
    "Tip: schrijf een brief.",
    "Ik raad je aan om te gaan sporten.",
    "Ik zou haar gewoon bellen.",
    "Als ik jou was, zou ik gaan.",
    "Het beste is om er met iemand over te praten.",
    "Het is beter om niet alleen thuis te zitten.",
    "Maak je geen zorgen.",
    "Geen zorgen, dat went wel.",
    "Het komt wel goed.",
    "Het komt allemaal wel goed met jou.",
    "Kop op!",
    "Denk positief.",
    "Niet zo somber zijn.",
    "Ik maak me zorgen om je.",
    "Ik maak me echt wel zorgen.",
    "Je kunt beter eerst slapen.",
    "Waarom ga je niet gewoon naar dat feest?",
    "Waarom bel je haar niet eens?",
    "Het ligt niet aan jou.",
    "Het is niet jouw schuld.",
    "Komaan, het valt wel mee.",
    "Wees gerust.",
    "Misschien kun je een cursus volgen?",
    "JE MOET dat doen.",
    "Je moét dat doen.",
    # reassurance and suggestions (issue 13)
    "Dat komt wel goed.",
    "Alles komt goed.",
    "Het zal allemaal wel goed komen.",
    "Het valt best mee, hoor.",
    "Heb je al eens geprobeerd om haar te bellen?",
    "Heb je er al eens aan gedacht om een club te zoeken?",
    "Het kan helpen om het op te schrijven.",
    "Dat kan je goed doen.",
    "Het helpt vaak om erover te praten.",
    "Zorg goed voor jezelf.",
    "Pas goed op jezelf.",
    "Wat dacht je van een wandeling?",
    "Wat als je haar gewoon eens belt?",
    "Je kunt altijd de Luisterlijn bellen.",
    "Maak je niet zo druk.",
    "Je hoeft je geen zorgen te maken.",
    "Dat baart me zorgen.",
    "Ik ben bang dat je je zo verder afsluit.",
    "De tijd heelt alle wonden.",
    "Het leven gaat door.",
    "Zo erg is het toch niet.",
]

CLEAN = [
    "Ik geef geen tips of adviezen: jij kent je eigen leven het best.",
    "Wat goed is voor jou, weet jij beter dan ik. Daarom geef ik geen advies.",
    "Het valt me op dat je vandaag zo stil bent. Gaat het wel goed met je?",
    "Wat heb je zelf al overwogen?",
    "Ik hoor dat je je eenzaam voelt. Wil je er iets meer over vertellen?",
    "Kun je eens vertellen wat er gebeurde?",
    "Hoe zou je zus het zelf vertellen, denk je?",
    "Bel 113 of 0800-0113, gratis en anoniem. Je kunt ook de Zelfmoordlijn bellen op 1813.",
    "Je mag alles zeggen wat je wilt.",
    "Ik hoor dat je je zo eenzaam voelt, sinds je vrouw is overleden. Hoe gaat het nu met je?",
    "Ik hoor het: de avonden zijn het ergst. Wil je daar iets meer over vertellen?",
    "Een advies geef ik niet, want jij weet zelf het best wat bij je past.",
    "Ik hoor hoe zwaar dit voor je is.",
    "Hoe gaat het nu met je?",
]


@pytest.mark.parametrize("text, own", [
    ("Je vertelt: “ik zou het hem wel willen zeggen”. Hoe is dat voor je?", "ik zou het hem wel willen zeggen"),
    ("Je vertelt: “mijn man zegt: je moet meer hulp inschakelen”.",
     "Mijn man zegt: je moet meer hulp inschakelen, maar ik wil dat niet"),
])
def test_quotes_of_their_own_words_are_theirs_not_advice(text, own):
    assert find_violations(text) and is_clean(text, own_words=own)


def test_only_their_own_words_are_exempt():
    text = "Je vertelt: “het komt wel goed”. Zorg goed voor jezelf."
    assert [v.rule for v in find_violations(text, own_words="het komt wel goed")] == ["zorg goed voor jezelf"]
    assert find_violations("“Het komt wel goed”, zeg ik.", own_words="ik voel me alleen")


@pytest.mark.parametrize("text", FLAGGED)
def test_flags_advice_reassurance_and_worry(text):
    assert find_violations(text), text
    assert not is_clean(text)


@pytest.mark.parametrize("text", CLEAN)
def test_lets_noticing_and_honest_refusals_pass(text):
    assert find_violations(text) == []
    assert is_clean(text)


def test_curly_quotes_and_accents_are_folded():
    assert normalise("Ge ’t  MOÉT") == "ge 't moet"
    assert find_violations("“Maak je géén zorgen”")


def test_violation_names_the_rule_and_the_words():
    (violation,) = find_violations("Kop op, meid.")
    assert violation.rule == "kop op" and violation.match == "kop op"
