// What the widget keeps in the browser, and nothing more: the session id the server issued
// (localStorage, `<storageKey>:session`) and, per tab (sessionStorage), which session was
// greeted already (`<storageKey>:session:greeted`) and whether the chat was open
// (`<storageKey>:open`). No conversation text. Works (without memory) when storage is blocked.
import { storage } from "./dom.js";

export function createBrowserStore(storageKey) {
  const local = storage("localStorage");
  const perTab = storage("sessionStorage");
  const sessionKey = `${storageKey}:session`;
  const greetedKey = `${sessionKey}:greeted`;
  const openKey = `${storageKey}:open`;

  return {
    session: () => (local ? local.getItem(sessionKey) : null),
    saveSession(id) {
      if (local) local.setItem(sessionKey, id);
    },
    forgetSession() {
      if (local) local.removeItem(sessionKey);
      if (perTab) perTab.removeItem(greetedKey);
    },
    wasGreeted: (id) => Boolean(perTab && perTab.getItem(greetedKey) === id),
    markGreeted(id) {
      if (perTab) perTab.setItem(greetedKey, id);
    },
    wasOpen: () => Boolean(perTab && perTab.getItem(openKey)),
    setOpen(open) {
      if (!perTab) return;
      if (open) perTab.setItem(openKey, "1");
      else perTab.removeItem(openKey);
    },
  };
}
