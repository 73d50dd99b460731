"""All Dutch texts that custom actions compose, in one place for language review.

Fixed replies live in domain.yml (responses); this module holds templates that actions
fill in. Each feature has its own section.
"""

# --- Safety -------------------------------------------------------------------

# Danger from someone else on top of a crisis message: the lines for that too.
CRISIS_DANGER_TOO = ("Word je bedreigd of doet iemand je pijn? Veilig Thuis (NL): gratis 0800-2000. "
                     "België: 1712. Bij direct gevaar: 112.")
# "Wat moet ik nu doen?" after a crisis message: no advice refusal, the lines said differently
# and a question about who could be with them now.
AFTER_CRISIS_ADVICE = [
    "Ik wil vooral dat je hier nu niet alleen mee blijft. Bij 113 weten ze wat er kan helpen: bel 113 "
    "of gratis 0800-0113, of chat via 113.nl. In België kun je de Zelfmoordlijn bellen op 1813. "
    "Is er iemand die nu bij je kan zijn?",
    "Op dit moment telt vooral dat je er niet alleen voor staat. Bij 113 (gratis: 0800-0113) en bij "
    "1813 kun je meteen met iemand praten, ook midden in de nacht. Ben je in gevaar? Bel 112. "
    "Wie zou er nu bij je kunnen komen?",
    "Je hoeft dit niet alleen uit te zoeken. De mensen van 113 (0800-0113, 113.nl) en van de "
    "Zelfmoordlijn 1813 luisteren en denken met je mee. Bij direct gevaar: 112. "
    "Wie kun je vanavond bellen of laten komen?",
]
# The middle tier: a kind, direct question, as counsellors ask it. {zin}: their own words.
CHECK_IN_QUOTED = "Je schrijft: “{zin}”."
CHECK_IN_QUESTIONS = [
    "Ik wil je iets rechtstreeks vragen, omdat het belangrijk is. Denk je er soms aan om dood te "
    "gaan, of om een einde aan je leven te maken?",
    "Ik vraag het je nog één keer, omdat ik je goed wil begrijpen. Denk je aan zelfdoding, of "
    "eraan om jezelf iets aan te doen?",
]
CHECK_IN_BUTTONS = [("Ja", "/affirm"), ("Nee", "/deny")]
#: Their words are quoted in the question only when they are this short.
CHECK_IN_QUOTE_CHARS = 80
# The next welcome back after a crisis message: first how they are, nothing offered.
WELCOME_BACK_AFTER_CRISIS = "Fijn dat je er weer bent. Ik wil je eerst iets vragen: hoe gaat het nu met je?"

# --- Reflection log (show, export, delete) -------------------------------------

# Names of the exercises as people see them (keys as in language/lexicons/exercise.txt).
EXERCISE_LABELS = {
    "kennen": "Elkaar kennen",
    "geven_om": "Om elkaar geven",
    "vier_lijstjes": "Vier lijstjes",
    "reflectievragen": "Reflectievragen",
    "verbondenheid": "Richtingen van verbondenheid",
    "samenhang": "Gevoel van samenhang",
    "positieve_gezondheid": "Wat is voor jou belangrijk?",
    "zingeving": "Wat geeft je leven zin?",
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
    "Er is hier nog niets van je bewaard. "
    "Wat je me vertelt, in een gewoon gesprek of in een reflectie, bewaar ik alleen voor jou. "
    "Alleen jij kunt het hier teruglezen of laten wissen."
)
REFLECTIONS_RECENT_INTRO = "Dit schreef je de laatste tijd. Het nieuwste staat bovenaan."
REFLECTIONS_RECENT_ITEM = "– {date}: {text}"
REFLECTIONS_RECENT_MORE = "Alles teruglezen kan ook. Vraag dan om een export."

EXPORT_TITLE = "# Mijn reflecties"
EXPORT_INTRO = (
    "Alles wat van jou bewaard is: je reflecties en wat je me in onze gesprekken vertelde. "
    "Gemaakt op {date}."
)
EXPORT_NONE = "Er is nog niets bewaard."
EXPORT_ENTRY = "**{date}** · {step}"
EXPORT_CHAT_INTRO = (
    "Hier is alles wat van jou bewaard is: je reflecties en wat je in onze gesprekken vertelde. "
    "Je kunt het kopiëren en bewaren waar je wilt."
)
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
# Used by actions/noticing/composition.py. One noticing sentence ("lead") + one open question.
# Placeholders: {zin} a paraphrase ("je je eenzaam voelt") or a short quote of their words,
# {woord} one word of theirs, {a}/{b} the two sides of a contrast, {wie} a person as an object
# ("je zus", "hem"), {wie_subj} the same person as a subject ("je zus", "hij"), {zou} "zou"/"zouden",
# {betekent} "betekent"/"betekenen" (agrees with {wie}).

NOTICE_FEELING_LEADS = [
    "Ik hoor dat {zin}.",
    "Het valt me op dat {zin}.",
    "Je vertelt dat {zin}.",
]
NOTICE_FEELING_WORD_LEADS = [
    "{woord}: dat gevoel hoor ik in wat je vertelt.",
    "Dat gevoel valt me op: {woord}.",
]
NOTICE_FEELING_QUESTIONS = [
    "Wil je er iets meer over vertellen?",
    "Hoe is dat voor je, op dit moment?",
    "Wanneer merk je dat het sterkst?",
    "Hoe merk je dat gevoel?",
]
NOTICE_FEELING_AGAIN_LEADS = [
    "Dat gevoel, {woord}, was er eerder in ons gesprek ook al.",
    "Het komt terug, hoor ik: {woord}.",
]
NOTICE_FEELING_AGAIN_QUESTIONS = [
    "Hoe is dat gevoel er nu?",
    "Wat maakt dat het blijft terugkomen, denk je?",
    "Wil je vertellen hoe het nu met dat gevoel gaat?",
]
# What happened to them, in their words with "je" ({zin}: "je vrouw is overleden",
# "sinds je vrouw is overleden"); {gevoel}: a feeling as "je je zo eenzaam voelt".
NOTICE_EVENT_LOSS_LEADS = [
    "Ik hoor het: {zin}. Dat is veel om te dragen.",
    "{zin}, vertel je. Dat is zwaar.",
]
NOTICE_EVENT_LEADS = [
    "Ik hoor het: {zin}.",
    "{zin}, vertel je. Dat is veel.",
    "Dank je dat je het vertelt: {zin}.",
]
NOTICE_EVENT_FEELING_LEADS = [
    "Ik hoor dat {gevoel}, {zin}.",
    "Het valt me op dat {gevoel}, {zin}.",
]
NOTICE_EVENT_QUESTIONS = [
    "Hoe is dat voor je?",
    "Hoe gaat het nu met je?",
    "Wil je er iets meer over vertellen?",
    "Wat doet dat met je?",
]
# A time or a place that carries the feeling ({zin}: "de avonden zijn het ergst").
NOTICE_TIME_LEADS = [
    "Ik hoor het: {zin}.",
    "{zin}, vertel je.",
]
NOTICE_TIME_QUESTIONS = [
    "Hoe zijn die momenten voor je?",
    "Wat gebeurt er dan in je?",
    "Wil je daar iets meer over vertellen?",
]
NOTICE_CONTRAST_LEADS = [
    "Het valt me op dat twee dingen naast elkaar staan: “{a}” en “{b}”.",
    "Ik hoor “{a}”, en tegelijk “{b}”.",
    "Je vertelt “{a}”, en ook “{b}”.",
]
NOTICE_CONTRAST_QUESTIONS = [
    "Hoe is het voor je dat die twee tegelijk waar zijn?",
    "Wil je vertellen hoe dat voor je is?",
    "Wat gebeurt er in jou als je die twee naast elkaar ziet?",
]
# An absolute in its context ({context}: "niemand vroeg hoe het met je ging").
NOTICE_ABSOLUTE_LEADS = [
    "Ik hoor het: {context}.",
    "Dat blijft bij me hangen: {context}.",
    "{context}, vertel je.",
]
NOTICE_ABSOLUTE_QUESTIONS = [
    "Hoe is dat voor je?",
    "Wil je er iets meer over vertellen?",
    "Wat maakt dat het voor jou zo voelt?",
]
NOTICE_RELATION_LEADS = [
    "Je vertelt over {wie}.",
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
    "Eerder vertelde je ook al over {wie}.",
]
NOTICE_RELATION_AGAIN_QUESTIONS = [
    "Wat {betekent} {wie} voor je?",
    "Hoe is het nu tussen jou en {wie}?",
    "Wat maakt dat {wie} zo bij je blijft, denk je?",
]
NOTICE_SELF_BLAME_LEADS = [
    "Ik hoor je zeggen: “{zin}”.",
    "Je zegt: “{zin}”. Dat zijn harde woorden over jezelf.",
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
    "Dank je dat je het vertelt.",
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

# Now and then (every few sharing turns) a short summary instead of a question.
# {onderwerpen}: "je vrouw, de avonden en hoe stil het is".
NOTICE_SUMMARY = [
    "Je vertelde me over {onderwerpen}.",
    "Je hebt me al veel verteld: over {onderwerpen}.",
]
NOTICE_SUMMARY_ENDINGS = [
    "Ik ben er. Vertel gerust verder, als je wilt.",
    "Neem gerust je tijd. Ik luister.",
]

# Advice requests: an honest refusal, optionally a tie to their latest message, and a question.
# After sad content an acknowledgement comes first.
ADVICE_ACKNOWLEDGEMENTS = [
    "Ik hoor hoe zwaar dit voor je is.",
    "Dat is veel, wat je meemaakt.",
]
ADVICE_REFUSALS = [
    "Ik geef je geen advies, want jij kent je eigen leven het best.",
    "Wat goed is voor jou, weet jij beter dan ik. Daarom geef ik geen advies.",
    "Ik ga niet voor jou beslissen, maar ik denk graag met je mee.",
    "Een advies geef ik niet, want jij weet zelf het best wat bij je past.",
]
ADVICE_TIES = [
    "Je vertelt: “{zin}”.",
]
ADVICE_QUESTIONS = [
    "Wat heb je zelf al overwogen?",
    "Welke mogelijkheden zie je zelf?",
    "Wat weet je al over wat jij nodig hebt?",
    "Wat voelt voor jou nu het belangrijkst?",
]

# --- Guided reflections --------------------------------------------------------
# Used by actions/exercises/ and actions/continuity.py. Placeholders: {wie} the person they
# chose, as an object ("je zus", "Anna", "die persoon"); {label} an exercise name (EXERCISE_LABELS);
# {a}/{b} short quotes of their words; {naam} a name from a list; {lijst} a list's title.

EXERCISE_INTROS = {
    "kennen": (
        "Iemand echt kennen betekent: zijn of haar kant van het verhaal kunnen vertellen. "
        "Daar gaan vier korte vragen over."
    ),
    "geven_om": (
        "Om iemand geven laat je merken door op te merken: zeggen wat je ziet, en de ander "
        "uitnodigen om te vertellen. Daar oefenen we mee, in drie korte stappen."
    ),
    "vier_lijstjes": (
        "We maken vier korte lijstjes met namen. Schrijf ze zoals je wilt: met komma's, met "
        "“en” of elk op een nieuwe regel. “Niemand” mag ook."
    ),
    "reflectievragen": (
        "Ik stel je een paar open vragen over je begrepen voelen en om elkaar geven. "
        "Je mag elke vraag overslaan: typ dan “sla over”."
    ),
    "verbondenheid": (
        "Verbondenheid gaat over meer dan andere mensen. Je kiest zelf welke richting je "
        "aanspreekt. Er zijn geen scores en geen goede of foute antwoorden."
    ),
    "samenhang": (
        "We kijken samen naar een situatie die je nu bezighoudt, met drie open vragen. "
        "Er zijn geen goede of foute antwoorden, en een kort antwoord is ook goed."
    ),
    "positieve_gezondheid": (
        "Gezondheid is meer dan niet ziek zijn. Het gaat ook over hoe je je voelt, wat je zinvol "
        "vindt en of je kunt meedoen. We nemen één deel dat jij kiest. Het is geen test en er "
        "komt geen score uit: jij bepaalt waar het over gaat."
    ),
    "zingeving": (
        "Vier vragen over wat je leven zin geeft en wat je gaande houdt. Het mag groot of klein "
        "zijn, en “ik weet het niet” of “niets” is ook een antwoord."
    ),
}
EXERCISE_STOP_NOTE = "Stoppen kan altijd: typ “stop”. Wat je schrijft, bewaar ik alleen voor jou."

# Questions, per exercise, in order. {wie}: see above; {richting}: a direction of connectedness.
KENNEN_QUESTIONS = {
    "wie": (
        "Denk aan iemand van wie je een vast beeld hebt. Iemand over wie je al snel denkt: "
        "zo is die nu eenmaal. Wie is het? Een naam of “mijn buurman” is genoeg."
    ),
    "jouw_versie": (
        "Hoe zie jij {wie}? Schrijf het op zoals je het tegen een vriend zou zeggen, "
        "bijvoorbeeld “… is altijd …”."
    ),
    "hun_versie": (
        "Stel je nu voor dat {wie} zelf vertelt hoe het zit. Wat zou er in dat verhaal staan? "
        "Schrijf het in de ik-vorm: “Ik …”."
    ),
    "verschil": "Wat verandert er voor jou als je er zo naar kijkt, vanuit {wie}?",
}
GEVEN_OM_QUESTIONS = {
    "wie": "Denk aan iemand om wie je geeft. Wie is het?",
    "opgemerkt": "Wat viel je de laatste tijd op aan {wie}? Iets wat je zag of hoorde. Klein mag ook.",
    "zin": (
        "Hoe zeg je dat tegen {wie}? Schrijf de zin op zoals je hem zou uitspreken. "
        "Bijvoorbeeld: “Het valt me op dat … Hoe is het met je?”"
    ),
}
VIER_LIJSTJES_QUESTIONS = {
    "ken_ik": "Lijstje 1: wie ken jij goed?",
    "kent_mij": "Lijstje 2: wie kent jou goed, denk je?",
    "geef_om": "Lijstje 3: om wie geef jij?",
    "geeft_om_mij": "Lijstje 4: wie geeft om jou, denk je?",
}
# Titles of the four lists, as the closing names them.
VIER_LIJSTJES_TITLES = {
    "ken_ik": "wie jij goed kent",
    "kent_mij": "wie jou goed kent",
    "geef_om": "om wie jij geeft",
    "geeft_om_mij": "wie om jou geeft",
}
REFLECTIEVRAGEN_QUESTIONS = {
    "begrepen": "Denk aan een moment waarop je je echt begrepen voelde door iemand. Wat gebeurde er toen?",
    "wat_deed": "Wat deed of zei die ander, waardoor je je begrepen voelde?",
    "om_wie": "Om wie geef jij het meest, en weet die persoon dat, denk je?",
    "afstand": "Wanneer voel jij afstand tot anderen, ook als ze dichtbij zijn?",
    "opgemerkt": "Wie merkt het op als het minder goed met je gaat?",
}
VERBONDENHEID_DIRECTIONS = [
    "met jezelf",
    "met anderen die je waardeert",
    "met je omgeving en de natuur",
    "met zin en betekenis",
    "met waar je vandaan komt en waar je naartoe gaat",
    "met de dingen om je heen",
]
VERBONDENHEID_QUESTIONS = {
    "richtingen": (
        "Verbondenheid heeft zes richtingen:\n"
        "1. met jezelf\n"
        "2. met anderen die je waardeert\n"
        "3. met je omgeving en de natuur\n"
        "4. met zin en betekenis\n"
        "5. met waar je vandaan komt en waar je naartoe gaat\n"
        "6. met de dingen om je heen\n"
        "Welke spreken je aan? Noem er één of twee, met een nummer of in woorden. Voel je je "
        "vooral verbonden met iets anders, zoals een huisdier, muziek of een plek, schrijf dat dan."
    ),
    "eerste": "Je koos: verbondenheid {richting}. Wanneer voel je die, en wat gebeurt er dan?",
    "eerste_open": "Wanneer voel jij je verbonden, en waarmee? Vertel wat er dan gebeurt.",
    "eerste_eigen": "Je schreef: “{a}”. Wanneer voel je die verbondenheid het sterkst, en wat gebeurt er dan?",
    "tweede": "En verbondenheid {richting}: hoe is die er voor jou?",
}
SAMENHANG_QUESTIONS = {
    "situatie": "Denk aan een situatie die je nu bezighoudt. Wat speelt er, in een paar zinnen?",
    "begrijpen": (
        "Stel dat je het aan een goede vriend uitlegt. Wat zou je vertellen, en wat snap je er "
        "zelf nog niet van?"
    ),
    "grip": (
        "Denk aan wat je zelf kunt doen, en aan mensen die je een hand toesteken, ook als je "
        "ze nu misschien niet ziet. Wat helpt je om het te dragen?"
    ),
    "zin": (
        "Wat maakt het voor jou de moeite waard om hiermee door te gaan, of anders gezegd: "
        "waarvoor sta je 's morgens op?"
    ),
}
GEZONDHEID_AREAS = [
    "je lichaam",
    "hoe je je vanbinnen voelt",
    "wat je leven zin geeft",
    "genieten van je leven",
    "meedoen met anderen",
    "je dagelijkse dingen",
]
GEZONDHEID_QUESTIONS = {
    "gebied": (
        "Gezondheid heeft zes delen:\n"
        "1. je lichaam\n"
        "2. hoe je je vanbinnen voelt\n"
        "3. wat je leven zin geeft\n"
        "4. genieten van je leven\n"
        "5. meedoen met anderen\n"
        "6. je dagelijkse dingen\n"
        "Over welk deel wil je het vandaag hebben? Een nummer is genoeg, of zeg het in je eigen woorden."
    ),
    "hoe_nu": "Je koos: {gebied}. Hoe gaat dat op dit moment? Vertel het zoals jij het ervaart.",
    "hoe_nu_open": "Hoe gaat het daarmee op dit moment? Vertel het zoals jij het ervaart.",
    "belangrijk": "Wat is daarin voor jou belangrijk?",
    "wens": (
        "Is er iets wat je daarin anders zou willen? Dat hoeft niet: het gaat om wat jij wilt, "
        "en “nee” is ook een antwoord."
    ),
}
ZINGEVING_QUESTIONS = {
    "zin": "Wat geeft jouw leven zin? Denk aan mensen, aan wat je doet, of aan iets waar je in gelooft.",
    "gaande": "Wat houdt je gaande, ook op dagen dat het tegenzit?",
    "houvast": "Bij wie of bij wat vind je houvast?",
    "mist": "Is er iets wat je nu mist om je leven zinvol te vinden?",
}

# Acknowledgements of the answer just given, said before the next question
# (actions/exercises/acknowledge.py). Short and painful answers are real answers.
ACK_PLAIN = [
    "Dank je.",
    "Dank je voor je antwoord.",
    "Dank je dat je het opschrijft.",
    "Dank je, dat is helder.",
]
ACK_LONG = [
    "Dank je dat je er zo de tijd voor neemt.",
    "Dank je. Daar zit veel in.",
]
ACK_SHORT = [
    "Dank je voor je eerlijke antwoord.",
    "Dat is een eerlijk antwoord. Het mag zo kort zijn.",
    "Dank je. Meer woorden zijn niet nodig.",
]
ACK_DONT_KNOW = [
    "Dat mag. Niet weten is ook een antwoord.",
    "Dat is goed. Het hoeft niet meteen duidelijk te zijn.",
    "Oké. Soms weet je het gewoon nog niet.",
]
ACK_SYMBOL = [
    "Dank je. Soms zegt één teken genoeg.",
    "Dat zegt ook iets. Dank je.",
]
ACK_NAME = [
    "Goed, dan denken we aan {wie}.",
    "Dank je. Het gaat dus over {wie}.",
]
ACK_LIST = [
    "Dank je. {namen} dus.",
    "Dank je voor je lijstje: {namen}.",
]
ACK_LIST_MANY = ["Dank je. Dat zijn {aantal} mensen."]
ACK_NOBODY = [
    "Niemand. Dat is een eerlijk antwoord, en het mag hier gewoon staan.",
    "Dank je voor je eerlijkheid. Ook een leeg lijstje zegt iets.",
]
# Per question ("<exercise>:<question>"): "niemand" there deserves its own word.
ACK_NOBODY_BY_QUESTION = {
    "vier_lijstjes:geef_om": (
        "Dat je nu niemand noemt, mag hier gewoon staan. Het zegt iets over hoe het nu is, "
        "niet over wie jij bent."
    ),
    "vier_lijstjes:geeft_om_mij": (
        "Niemand. Dat is zwaar om op te schrijven. Dank je dat je het toch eerlijk zegt."
    ),
    "reflectievragen:opgemerkt": (
        "Niemand. Dat is pijnlijk om te merken. Dank je dat je het eerlijk opschrijft."
    ),
    "zingeving:houvast": "Dat je nu niemand of niets noemt, mag hier gewoon staan. Soms is er even weinig houvast.",
    "samenhang:grip": "Zo voelt het nu: dat je er alleen voor staat. Dank je dat je het eerlijk zegt.",
}
# Per question: an acknowledgement that names something ({wie}: the person it is about).
ACK_BY_QUESTION = {
    "kennen:jouw_versie": ["Zo zie jij {wie} nu.", "Dank je. Dat is jouw beeld van {wie}."],
    "kennen:hun_versie": [
        "Dank je. Zo zou {wie} het misschien zelf vertellen.",
        "Dat is het verhaal van {wie}, zoals jij het je voorstelt.",
    ],
    "geven_om:opgemerkt": [
        "Dat viel je dus op aan {wie}.",
        "Zulke kleine dingen zien: daar begint het mee.",
    ],
    "samenhang:situatie": [
        "Dank je dat je vertelt wat er speelt.",
        "Dat houdt je dus bezig. Dank je dat je het vertelt.",
    ],
    "positieve_gezondheid:belangrijk": [
        "Dat is dus belangrijk voor jou.",
        "Dank je. Dan weet ik wat voor jou telt.",
    ],
}
# An answer that tells about a life event ({gebeurtenis}: "je pensioen", "dat verlies").
ACK_EVENT = [
    "Dank je dat je vertelt over {gebeurtenis}. Dat is niet niks.",
    "Er is veel veranderd door {gebeurtenis}, hoor ik. Dank je dat je het vertelt.",
]
# After the answer to the closing question, before the offer of what next.
ACK_CLOSING = [
    "Dank je dat je dat nog wilt delen. Ik heb het bij je reflectie bewaard.",
    "Dank je. Ik heb het bij je reflectie bewaard, zodat je het later kunt teruglezen.",
]
ACK_CLOSING_SHORT = [
    "Dank je. Ook dat heb ik bij je reflectie bewaard.",
    "Dank je, dat is goed zo. Ik heb het bij je reflectie bewaard.",
]
ACK_CLOSING_PERSON = [
    "Dank je. Wat je over {wie} schrijft, heb ik bij je reflectie bewaard.",
    "Dank je dat je dat over {wie} wilt delen. Ik heb het bij je reflectie bewaard.",
]
# The answer to the closing question was a goodbye ("dank je, doei").
CLOSING_GOODBYE = "Dank je voor je reflectie. Ik heb alles voor je bewaard. Tot een volgende keer!"
ACK_CLOSING_NONE = "Dat is goed, een antwoord hoeft niet."

# Stand-ins when someone's name or description is not short enough to repeat.
WIE_FALLBACK = "die persoon"

# Said (instead of repeating the question) when an answer gets a second chance.
HINT_SHORT = "Wil je er iets meer over vertellen? Een zin is genoeg. Wil je het kort houden, dan is dat ook goed."
HINT_EMPTY = "Neem gerust je tijd. Schrijf wat in je opkomt, of “weet ik niet”."
HINT_NO_SKIP = (
    "Deze vraag heb ik nodig voor de rest van de reflectie. Een paar woorden is genoeg. "
    "Stoppen kan ook: typ dan “stop”."
)
HINT_LIST = "Schrijf gerust de namen op, met komma's of “en” ertussen. “Niemand” mag ook."
HINT_GEVEN_OM = {
    "advice": (
        "Daar zit vooral een advies in: wat {wie} anders kan doen. Ook als je het als vraag "
        "stelt, sta je met een advies een beetje boven de ander. Wil je het nog eens proberen, met alleen wat jij gezien hebt?"
    ),
    "worry": (
        "Ik hoor vooral jouw zorg. Dan gaat het gesprek al snel over jou, en gaat {wie} jou "
        "misschien geruststellen. Wil je het nog eens proberen, met wat je aan {wie} gezien hebt?"
    ),
    "fixing": (
        "Dat klinkt als een oplossing: iets wat jij voor {wie} regelt. Dat is lief bedoeld, "
        "maar zo krijgt {wie} weinig ruimte om zelf te vertellen. Wil je het nog eens proberen, "
        "met alleen wat je gezien hebt?"
    ),
    "reassurance": (
        "Dat klinkt als geruststellen. Dat is lief bedoeld, maar {wie} voelt zich dan misschien "
        "minder gehoord. Wil je het nog eens proberen, met wat je gezien hebt?"
    ),
}
SKIPPED_ACK = "Goed, die slaan we over."

# Pause and resume.
PAUSED = (
    "Goed, we stoppen hier. Wat je schreef, is bewaard. "
    "Je kunt later verdergaan: typ dan “ga verder”."
)
PAUSED_GOODBYE = (
    "Dag! Je reflectie staat op pauze en wat je al schreef, is bewaard. "
    "Wil je later verder, typ dan “ga verder”. Tot een volgende keer."
)
PAUSED_AFTER_CRISIS = "Je reflectie staat op pauze. Je kunt er later mee verder, als je dat wilt."
RESUMED = "We gaan verder met “{label}”. Je had {done} van de {total} vragen al beantwoord."
RESUMED_LAST = "Je laatste antwoord was: “{a}”."
RESUMED_FRESH = "Je was met “{label}” begonnen. We gaan verder waar je was."
NOTHING_TO_RESUME = "Er staat geen reflectie open om mee verder te gaan."
STORE_DOWN_RESUME = (
    "Ik kan je eerdere antwoorden nu even niet ophalen door een storing. "
    "Vraag het me straks gerust opnieuw."
)

# Closings: one reflection on their answers, one open question, then what could come next.
CLOSING_THANKS = "Dank je voor je antwoorden."
CLOSING_NEXT = "Wil je nog een reflectie doen? Het mag ook gewoon hierbij blijven."
# "stop" at the closing question: nothing is left to pause, the reflection is kept as it is.
CLOSING_STOPPED = (
    "Goed, we laten het hierbij. Je reflectie is bewaard: met “laat mijn reflecties zien” "
    "kun je ze teruglezen."
)
CLOSING_NEXT_BUTTONS = [
    ("Nog een reflectie", "/start_exercise"),
    ("Mijn reflecties", "/show_reflections"),
    ("Gewoon praten", "/just_talk"),
]
CLOSING_ALL_SKIPPED = "Je hebt alle vragen overgeslagen. Dat mag. Misschien was het er nu niet het moment voor."
CLOSING_OPEN_QUESTION = "Wat neem je mee uit deze reflectie?"

KENNEN_CLOSING_VERSIONS = "Jouw versie: “{a}”. Het verhaal van {wie} zelf, zoals jij het je voorstelt: “{b}”."
KENNEN_CLOSING_WORDS = "Het valt me op dat jij “{x}” schrijft, en dat in het verhaal van {wie} zelf “{y}” staat."
KENNEN_CLOSING_ABSOLUTE = "Het valt me op dat “{x}” in jouw versie staat, en niet in die van {wie}."
KENNEN_CLOSING_SAME = "Het valt me op hoe dicht de twee verhalen bij elkaar liggen."
KENNEN_CLOSING_CHANGE = "Over wat er verandert, schreef je: “{a}”."
KENNEN_CLOSING_QUESTION = "Hoe is het voor je om die twee verhalen naast elkaar te zien?"

GEVEN_OM_LABELS = {
    "advice": "een advies",
    "worry": "een zorg",
    "fixing": "een oplossing",
    "reassurance": "geruststelling",
}
GEVEN_OM_CLOSING_QUOTE = "Je zin voor {wie}: “{a}”."
GEVEN_OM_CLOSING_WROTE = "Je schreef een zin voor {wie}."
GEVEN_OM_CLOSING_NOTICING = "Dat is opmerken: je zegt wat je zag."
GEVEN_OM_CLOSING_INVITES = "En met je vraag nodig je {wie} uit om te vertellen."
GEVEN_OM_CLOSING_NO_QUESTION = (
    "Een open vraag erachter, zoals “Hoe is het met je?”, maakt er een uitnodiging van."
)
GEVEN_OM_CLOSING_RETRIED = "Je eerste zin was eerder {label}. In je tweede zin zeg je wat je zag."
GEVEN_OM_CLOSING_STILL = (
    "Er zit nog iets van {label} in. Dat is heel gewoon: alleen zeggen wat je ziet, is moeilijker "
    "dan het lijkt."
)
GEVEN_OM_CLOSING_OTHER = "Je schreef wat je aan {wie} opviel: “{a}”."
GEVEN_OM_CLOSING_QUESTION = "Hoe zou het voor {wie} zijn om dit van jou te horen, denk je?"
GEVEN_OM_CLOSING_NO_SENTENCE = (
    "Een zin vinden was nu nog lastig. Dat is heel gewoon: zeggen wat je ziet, zonder meteen "
    "te helpen, is moeilijker dan het lijkt."
)
GEVEN_OM_CLOSING_SAW = "Je zag wel iets: “{a}”."
GEVEN_OM_CLOSING_QUESTION_LATER = "Hoe zou het voor jou zijn om {wie} ooit te vertellen wat je zag?"

VIER_LIJSTJES_OVERVIEW_TITLE = "Je vier lijstjes:"
VIER_LIJSTJES_OVERVIEW_LINE = "• {lijst}: {namen}"
VIER_LIJSTJES_NOBODY = "niemand"
VIER_LIJSTJES_UNKNOWN = "weet ik (nog) niet"
VIER_LIJSTJES_NOT_BACK = "Bij “om wie jij geeft” staat {naam}, maar niet bij “wie om jou geeft”."
VIER_LIJSTJES_NOT_KNOWN_BACK = "Jij kent {naam} goed, maar die staat niet bij “wie jou goed kent”."
VIER_LIJSTJES_EMPTY = "Het lijstje “{lijst}” bleef leeg."
VIER_LIJSTJES_ALL_FOUR = "Op alle vier de lijstjes staat {naam}."
VIER_LIJSTJES_ALIKE = "Je lijstjes lijken veel op elkaar."
VIER_LIJSTJES_QUESTION = "Wat zie je, als je de lijstjes zo naast elkaar legt?"
VIER_LIJSTJES_EARLIER = "Je maakte deze lijstjes eerder ook al. Met “laat mijn reflecties zien” kun je ze vergelijken."

VERBONDENHEID_CLOSING_CHOSEN = "Je koos verbondenheid {richtingen}."
VERBONDENHEID_CLOSING_NONE = "Je koos geen vaste richting, en dat mag."
VERBONDENHEID_CLOSING_OWN = "Je koos je eigen richting: “{a}”."
GEZONDHEID_CLOSING_AREA = "Je koos om te kijken naar {gebied}."
GEZONDHEID_CLOSING_OWN = "Je koos zelf waar het over ging."
GEZONDHEID_CLOSING_IMPORTANT = "Wat voor jou belangrijk is: “{a}”."
GEZONDHEID_CLOSING_WISH = "En wat je anders zou willen: “{a}”."
GEZONDHEID_CLOSING_QUESTION = "Het mag ook gewoon even blijven liggen. Wat wil jij zelf met wat je nu weet?"
ZINGEVING_CLOSING_GOING = "Wat je gaande houdt: “{a}”."
ZINGEVING_CLOSING_LITTLE = "Je schreef eerlijk op wat je gaande houdt, ook als dat nu weinig is."
ZINGEVING_CLOSING_HOLD = "Houvast vind je bij: “{a}”."
ZINGEVING_CLOSING_QUESTION = "Hoe is het om dit zo voor jezelf op te schrijven?"
SAMENHANG_ASPECTS = {
    "begrijpen": "uitleggen wat er aan de hand is",
    "grip": "wat je helpt om het te dragen",
    "zin": "wat het de moeite waard maakt",
}
SAMENHANG_CLOSING_HARDEST = "Van de drie vragen leek deze het moeilijkst voor je: {aspect}."
SAMENHANG_CLOSING_HARDEST_QUOTE = "Je schreef: “{a}”."
SAMENHANG_CLOSING_HARDEST_QUESTION = "Wat maakt juist dat deel zo zwaar?"
SAMENHANG_CLOSING_UNCLEAR = "Dank je voor je antwoorden over {situatie}."
SAMENHANG_CLOSING_UNCLEAR_QUESTION = (
    "Welke van de drie vond je het moeilijkst: uitleggen wat er speelt, zien wat je helpt om "
    "het te dragen, of voelen wat het de moeite waard maakt?"
)
SAMENHANG_SITUATION_FALLBACK = "wat je nu bezighoudt"

# Continuity: a returning person (same sender, new session), only ever about their own data.
WELCOME_BACK = "Fijn dat je er weer bent."
WELCOME_BACK_LAST = "De vorige keer werkte je aan “{label}”."
WELCOME_BACK_LAST_SHARE = "De vorige keer vertelde je me wat je bezighield."
WELCOME_BACK_OPEN = "Je was nog bezig met “{label}”: {done} van de {total} vragen staan er al. Wil je daar verder mee?"
WELCOME_BACK_CHOICE = "Waar heb je vandaag zin in?"
WELCOME_BACK_BUTTONS_OPEN = [
    ("Ja, ga verder", "/continue_exercise"),
    ("Iets anders", "/start_exercise"),
    ("Gewoon praten", "/just_talk"),
]
WELCOME_BACK_BUTTONS = [
    ("Een reflectie kiezen", "/start_exercise"),
    ("Gewoon praten", "/just_talk"),
    ("Mijn reflecties", "/show_reflections"),
]

# --- Which command did you mean? ------------------------------------------------
# Used by actions/clarify.py when the classifier hesitates between two commands (core/commands.py).
# Each command: how the question names it (after "Wil je"), and its button. {a}/{b}: those names.
COMMAND_CHOICES = {
    "stop_exercise": ("stoppen met deze reflectie", "Stoppen met de reflectie"),
    "skip_question": ("deze vraag overslaan", "Vraag overslaan"),
    "continue_exercise": ("verdergaan waar je gebleven was", "Verdergaan waar ik was"),
    "show_reflections": ("teruglezen wat je eerder schreef", "Mijn reflecties lezen"),
    "export_reflections": ("een bestand met alles wat je hier schreef", "Alles als bestand"),
    "delete_my_data": ("alles laten wissen wat ik van je bewaar", "Alles wissen"),
    "goodbye": ("ons gesprek voor nu afsluiten", "Gesprek afsluiten"),
}
COMMAND_QUESTION_ONE = "Wil je {a}, of bedoel je iets anders?"
COMMAND_QUESTION_TWO = "Wil je {a}, of {b}? Of bedoel je iets anders?"
SOMETHING_ELSE_BUTTON = "Iets anders"
# After "Iets anders": nothing happened, nothing is lost.
SOMETHING_ELSE = "Goed. Vertel maar in je eigen woorden wat je bedoelt. Ik luister."
SOMETHING_ELSE_IN_REFLECTION = "Goed, dan gaan we gewoon verder met de reflectie."

# --- Channels ------------------------------------------------------------------

# Every channel (channels/turns.py): a turn that could not be answered (the action server is
# down, ...) gets this instead of silence.
ERASE_FAILED_TEXT = (
    "Sorry, door een storing aan onze kant is ons gesprek nog niet helemaal gewist. "
    "Zodra je me weer iets stuurt, wis ik het opnieuw."
)
ERASE_DONE_LATE_TEXT = (
    "Het wissen van ons gesprek lukte eerst niet door een storing. Nu is het wel gelukt: "
    "alles is gewist."
)
TURN_FAILED_TEXT = (
    "Sorry, er ging bij mij net iets mis. Daardoor kan ik nu niet goed antwoorden. "
    "Wil je je bericht over een paar minuten nog eens sturen?"
)

# Telegram: answers the channel gives itself, before anything reaches the assistant.
# Every channel (channels/turns.py): a message over the length limit ({limit} characters) or
# over the rate limit is not processed, and the person is told so. Benchmarks detect
# RATE_LIMITED_TEXT in answers.
MESSAGE_TOO_LONG_TEXT = (
    "Je bericht is te lang voor mij: ik kan tot {limit} tekens tegelijk lezen. "
    "Ik heb er daarom nog niets mee gedaan. Wil je het in kortere stukjes sturen?"
)
RATE_LIMITED_TEXT = (
    "Je stuurt me nu veel berichten kort na elkaar. Ik heb dit bericht daarom niet gelezen. "
    "Wacht even een minuutje en stuur het dan nog eens."
)
TELEGRAM_TEXT_ONLY = (
    "Dank je voor je bericht. Ik kan alleen tekst lezen, dus dit kan ik niet zien of horen. "
    "Wil je in een paar woorden typen wat je bedoelt?"
)
TELEGRAM_PRIVATE_ONLY = (
    "Hoi! Ik praat alleen in een privégesprek. Zo blijft wat je me vertelt tussen jou en mij. "
    "Je kunt me altijd een persoonlijk bericht sturen."
)
