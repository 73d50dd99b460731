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
  privacy: "We bewaren dit gesprek, zodat je later verder kunt.",
  deleteData: "Wis mijn gegevens",
  privacyLink: "Over privacy",
};
