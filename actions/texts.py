"""All Dutch texts that custom actions compose, in one place for language review.

Fixed replies live in domain.yml (responses); this module holds templates that actions
fill in. Each feature has its own section.
"""

# --- Safety -------------------------------------------------------------------

# --- Reflection log (show, export, delete) -------------------------------------

# Names of the exercises as people see them (keys as in language/lexicons/exercise.txt).
EXERCISE_LABELS = {
    "kennen": "Elkaar kennen",
    "geven_om": "Om elkaar geven",
    "vier_lijstjes": "Vier lijstjes",
    "reflectievragen": "Reflectievragen",
    "verbondenheid": "Richtingen van verbondenheid",
    "samenhang": "Gevoel van samenhang",
    "gesprek": "Uit onze gesprekken",
}
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)
MONTHS_SHORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
DATE_SHORT = "{day} {month_abbr}, {time}"  # 3 nov, 21:40
DATE_LONG = "{day} {month} {year} om {time}"  # 3 november 2025 om 21:40

REFLECTIONS_NONE = (
    "Je hebt hier nog niets bewaard. "
    "Wat je tijdens een oefening schrijft, bewaar ik voor jou. "
    "Alleen jij kunt het hier teruglezen."
)
REFLECTIONS_RECENT_INTRO = "Dit schreef je de laatste tijd. Het nieuwste staat bovenaan."
REFLECTIONS_RECENT_ITEM = "– {date}: {text}"
REFLECTIONS_RECENT_MORE = "Alles teruglezen kan ook. Vraag dan om een export."

EXPORT_TITLE = "# Mijn reflecties"
EXPORT_INTRO = "Alles wat je in de reflectie-assistent bewaard hebt, per oefening. Gemaakt op {date}."
EXPORT_NONE = "Er is nog niets bewaard."
EXPORT_ENTRY = "**{date}** · {step}"
EXPORT_CHAT_INTRO = "Hier zijn al je reflecties. Je kunt ze kopiëren en bewaren waar je wilt."
EXPORT_CHAT_TRUNCATED = (
    "Je export is te lang voor de chat. Hierboven staat het begin. "
    "De beheerder kan je het volledige bestand bezorgen."
)

SAVE_DELAYED = (
    "Door een storing kan ik wat je schreef niet meteen opslaan. "
    "Het gaat niet verloren: ik sla het op zodra het weer kan."
)
STORE_DOWN_WRITE = (
    "Door een storing kon ik dit nu niet bewaren. Het spijt me. "
    "Ons gesprek kan gewoon verder."
)
TEXT_TOO_LONG = (
    "Wat je schreef is langer dan ik kan bewaren: meer dan {limit} tekens. "
    "Daarom heb ik het niet bewaard. Wil je het in een paar kortere stukken sturen?"
)
STORE_DOWN_READ = (
    "Ik kan je reflecties nu even niet ophalen door een storing. "
    "Vraag het me straks gerust opnieuw."
)
STORE_DOWN_DELETE = (
    "Het wissen lukt nu even niet door een storing. Je gegevens staan er dus nog. "
    "Vraag het me straks opnieuw, dan wis ik alles."
)
DELETED = "Het is gebeurd. Je reflecties en ons gesprek zijn gewist."
DELETED_NOTHING_STORED = (
    "Er waren nog geen reflecties van je bewaard. Ons gesprek tot nu toe is nu ook gewist."
)


# --- Noticing ------------------------------------------------------------------
# Used by actions/noticing.py. One noticing sentence ("lead") + one open question.
# Placeholders: {zin} a paraphrase ("je je eenzaam voelt") or a short quote of their words,
# {woord} one word of theirs, {a}/{b} the two sides of a contrast, {wie} a person as an object
# ("je zus", "hem"), {wie_subj} the same person as a subject ("je zus", "hij"), {zou} "zou"/"zouden",
# {betekent} "betekent"/"betekenen" (agrees with {wie}).

NOTICE_FEELING_LEADS = [
    "Ik hoor dat {zin}.",
    "Het valt me op dat {zin}.",
    "Je schrijft dat {zin}.",
]
NOTICE_FEELING_WORD_LEADS = [
    "Het woord “{woord}” valt me op.",
    "Je noemt “{woord}”.",
    "Ik lees “{woord}” in wat je schrijft.",
]
NOTICE_FEELING_QUESTIONS = [
    "Wil je er iets meer over vertellen?",
    "Hoe is dat voor je, op dit moment?",
    "Wanneer merk je dat het sterkst?",
    "Hoe merk je dat gevoel?",
]
NOTICE_FEELING_AGAIN_LEADS = [
    "Je noemde “{woord}” eerder ook al.",
    "“{woord}” kwam eerder in ons gesprek ook al voor.",
]
NOTICE_FEELING_AGAIN_QUESTIONS = [
    "Hoe is dat gevoel er nu?",
    "Wat maakt dat het blijft terugkomen, denk je?",
    "Wil je vertellen hoe het nu met dat gevoel gaat?",
]
NOTICE_CONTRAST_LEADS = [
    "Het valt me op dat twee dingen naast elkaar staan: “{a}” en “{b}”.",
    "Ik hoor “{a}”, en tegelijk “{b}”.",
    "Je schrijft “{a}”, en ook “{b}”.",
]
NOTICE_CONTRAST_QUESTIONS = [
    "Hoe is het voor je dat die twee tegelijk waar zijn?",
    "Wil je vertellen hoe dat voor je is?",
    "Wat gebeurt er in jou als je die twee naast elkaar ziet?",
]
NOTICE_ABSOLUTE_LEADS = [
    "Het woord “{woord}” valt me op: “{zin}”.",
    "Je schrijft “{zin}”. Dat “{woord}” blijft bij me hangen.",
    "Ik hoor “{woord}” in wat je zegt: “{zin}”.",
]
NOTICE_ABSOLUTE_QUESTIONS = [
    "Hoe voelt dat “{woord}” voor je?",
    "Wil je er iets meer over vertellen?",
    "Wat maakt dat het voor jou zo voelt?",
]
NOTICE_RELATION_LEADS = [
    "Je noemt {wie}.",
    "Ik hoor je over {wie} vertellen.",
    "Het valt me op dat je het over {wie} hebt.",
]
NOTICE_RELATION_QUESTIONS = [
    "Wat {betekent} {wie} voor je?",
    "Hoe is het tussen jou en {wie}?",
    "Wil je iets meer over {wie} vertellen?",
]
NOTICE_RELATION_AGAIN_LEADS = [
    "Je had het eerder ook al over {wie}.",
    "Het valt me op dat {wie} terugkomt in wat je vertelt.",
    "Eerder noemde je ook al {wie}.",
]
NOTICE_RELATION_AGAIN_QUESTIONS = [
    "Wat {betekent} {wie} voor je?",
    "Hoe is het nu tussen jou en {wie}?",
    "Wat maakt dat {wie} zo bij je blijft, denk je?",
]
NOTICE_SELF_BLAME_LEADS = [
    "Ik hoor je zeggen: “{zin}”.",
    "Je schrijft: “{zin}”. Dat zijn harde woorden over jezelf.",
    "Het valt me op hoe streng je voor jezelf bent: “{zin}”.",
]
NOTICE_SELF_BLAME_QUESTIONS = [
    "Wat maakt dat je het zo ziet?",
    "Wil je vertellen wat er gebeurde?",
    "Hoe is het om dat over jezelf te denken?",
]
NOTICE_LABEL_NAME_LEADS = [
    "Je noemt {wie} “{woord}”.",
]
NOTICE_LABEL_LEADS = [
    "Je zegt over {wie}: “{zin}”.",
    "Ik hoor hoe jij {wie} ziet: “{zin}”.",
]
NOTICE_LABEL_QUESTIONS = [
    "Hoe {zou} {wie_subj} het zelf vertellen, denk je?",
    "Wat denk je dat er voor {wie} zelf speelt?",
    "Hoe {zou} {wie_subj} dit zelf beschrijven, denk je?",
]
NOTICE_OPEN_LEADS = [
    "Ik lees wat je schrijft.",
    "Dank je dat je dit met me deelt.",
    "Ik luister.",
]
NOTICE_OPEN_QUESTIONS = [
    "Wil je er iets meer over vertellen?",
    "Hoe is dat voor je?",
    "Wat houdt je daarbij het meest bezig?",
]
#: Sent when a composed reply fails the advice guard.
NOTICE_SAFE_FALLBACK = "Ik luister. Wil je er wat meer over vertellen?"

# Advice requests: an honest refusal, optionally a tie to what they said, and a question.
ADVICE_REFUSALS = [
    "Ik geef geen tips of adviezen: jij kent je eigen leven het best.",
    "Wat goed is voor jou, weet jij beter dan ik. Daarom geef ik geen advies.",
    "Ik ga niet voor jou beslissen. Ik denk wel graag met je mee.",
    "Eerlijk gezegd: raad geven doe ik niet. Jij weet zelf het best wat bij je past.",
]
ADVICE_TIES = [
    "Je schreef eerder “{zin}”.",
    "Je vertelde: “{zin}”.",
]
ADVICE_QUESTIONS = [
    "Wat heb je zelf al overwogen?",
    "Welke mogelijkheden zie je zelf?",
    "Wat weet je al over wat jij nodig hebt?",
    "Wat voelt voor jou nu het belangrijkst?",
]

# --- Guided reflections --------------------------------------------------------

# --- Channels ------------------------------------------------------------------

# Telegram: answers the channel gives itself, before anything reaches the assistant.
TELEGRAM_TEXT_ONLY = (
    "Dank je voor je bericht. Ik kan alleen tekst lezen, dus dit kan ik niet zien of horen. "
    "Wil je in een paar woorden typen wat je bedoelt?"
)
TELEGRAM_PRIVATE_ONLY = (
    "Hoi! Ik praat alleen in een privégesprek. Zo blijft wat je me vertelt tussen jou en mij. "
    "Je kunt me altijd een persoonlijk bericht sturen."
)
