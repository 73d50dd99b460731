// All Dutch interface text of the widget, in one place for language review.
export const TEXT = {
  title: "Reflectie-assistent",
  open: "Open de chat",
  close: "Sluit de chat",
  logLabel: "Gesprek",
  repliesLabel: "Antwoordknoppen",
  inputLabel: "Je bericht",
  placeholder: "Typ je bericht…",
  send: "Verstuur",
  you: "Jij: ",
  bot: "Assistent: ",
  typing: "De assistent typt…",
  connecting: "Even verbinding maken…",
  offline: "Geen verbinding. We proberen het opnieuw.",
  privacy:
    "We bewaren dit gesprek en je reflecties, alleen voor jou, zodat je later verder kunt. Wissen kan altijd.",
  deleteData: "Wis mijn gegevens",
  forgetDevice: "Vergeet dit apparaat",
  forgetDeviceHint:
    "Dit apparaat vergeet je gesprek en begint opnieuw. Wat je schreef, blijft bewaard tot je het wist.",
  forgotten: "Dit apparaat is je gesprek vergeten. Je begint een nieuw gesprek.",
  privacyLink: "Over privacy",
  later: "Later",
};

// The demo page's hint for the facilitator (src/demo-page.js), shown outside the chat.
export const DEMO_TEXT = {
  label: "Voor de begeleider",
  keys: "Demo: druk op spatie (of →, Enter, PageDown) voor de volgende stap. Esc stopt de demo.",
  loading: "Demo laden…",
  step: (n, total) => `Stap ${n} van ${total}`,
  ready: "Klaar om te beginnen.",
  waiting: "even wachten op het antwoord…",
  next: "druk voor de volgende stap.",
  last: "dat was de laatste stap. Druk nog één keer om af te sluiten en alles te wissen.",
  done: "De demo is klaar. Het demogesprek is gewist.",
  stopped: "De demo is gestopt. Het demogesprek is gewist.",
  failed: "De demo kon niet starten. Draait de server met de demo-routes (channels.demo.DemoInput)?",
};
