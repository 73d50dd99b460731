// Builds the widget's DOM in its shadow root: the launcher button and the chat panel
// (header, status line, message log, typing dots, reply buttons, composer, privacy line).
// Only builds; chat-view.js changes it afterwards. Returns the parts the chat needs.
import { el } from "./dom.js";
import { STYLE } from "./style.js";
import { TEXT } from "./texts.js";

function buildHeader(title) {
  const header = el("header", { class: "header" });
  const heading = el("h2", { class: "title" }, title);
  const close = el("button", { type: "button", class: "close", "aria-label": TEXT.close }, "×");
  header.append(heading, close);
  return { header, close };
}

function buildConversation() {
  const status = el("p", { class: "status", role: "status" });
  const log = el("div", {
    class: "log",
    role: "log",
    "aria-live": "polite",
    "aria-label": TEXT.logLabel,
    tabindex: "0",
  });
  const typing = el("div", { class: "typing", hidden: "", "aria-label": TEXT.typing, role: "status" });
  for (let i = 0; i < 3; i += 1) typing.append(el("span", { class: "dot", "aria-hidden": "true" }));
  const replies = el("div", { class: "replies", role: "group", "aria-label": TEXT.repliesLabel });
  return { status, log, typing, replies };
}

function buildComposer() {
  const form = el("form", { class: "composer" });
  const label = el("label", { for: "rw-input", class: "visually-hidden" }, TEXT.inputLabel);
  const input = el("input", {
    id: "rw-input",
    type: "text",
    autocomplete: "off",
    maxlength: "4000",
    placeholder: TEXT.placeholder,
  });
  const send = el("button", { type: "submit", class: "send" }, TEXT.send);
  form.append(label, input, send);
  return { form, input };
}

function buildPrivacy(privacyUrl) {
  const privacy = el("p", { class: "privacy" });
  privacy.append(document.createTextNode(TEXT.privacy + " "));
  const forget = el("button", { type: "button", class: "link" }, TEXT.deleteData);
  const forgetDevice = el("button", { type: "button", class: "link", title: TEXT.forgetDeviceHint },
    TEXT.forgetDevice);
  privacy.append(forget, document.createTextNode(" · "), forgetDevice);
  if (/^https?:\/\//i.test(privacyUrl || "")) {
    privacy.append(document.createTextNode(" · "));
    privacy.append(el("a", { href: privacyUrl, target: "_blank", rel: "noopener" }, TEXT.privacyLink));
  }
  return { privacy, forget, forgetDevice };
}

// `root` is the shadow root; `title` and `privacyUrl` come from the settings.
export function buildUi(root, { title, privacyUrl }) {
  const style = el("style");
  style.textContent = STYLE;
  const launcher = el("button", {
    type: "button",
    class: "launcher",
    "aria-expanded": "false",
    "aria-controls": "rw-panel",
  }, TEXT.open);
  const panel = el("section", {
    id: "rw-panel",
    class: "panel",
    role: "dialog",
    "aria-label": title,
    hidden: "",
  });
  const { header, close } = buildHeader(title);
  const { status, log, typing, replies } = buildConversation();
  const { form, input } = buildComposer();
  const { privacy, forget, forgetDevice } = buildPrivacy(privacyUrl);
  panel.append(header, status, log, typing, replies, form, privacy);
  root.append(style, launcher, panel);
  return { launcher, panel, close, status, log, typing, replies, form, input, forget, forgetDevice };
}
