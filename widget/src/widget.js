// Chat widget for the reflection assistant, embedded with one <script> tag (README.md).
// The entry point: reads the settings (window.ReflectieWidget), builds the UI in a shadow
// root (ui.js) and wires the chat (chat-view.js, chat.js, browser-store.js) and the
// facilitator demo player (demo-player.js) behind `ReflectieWidget.playDemo()`/`stopDemo()`.
import { createBrowserStore } from "./browser-store.js";
import { Chat } from "./chat.js";
import { ChatView } from "./chat-view.js";
import { DemoPlayer } from "./demo-player.js";
import { el } from "./dom.js";
import { TEXT } from "./texts.js";
import { buildUi } from "./ui.js";

// read while this script runs: the widget talks to the server it was loaded from
const script = document.currentScript;
const config = Object.assign(
  {
    serverUrl: script && script.src ? new URL(script.src).origin : window.location.origin,
    socketPath: "/socket.io",
    title: TEXT.title,
    initPayload: "/greet",
    deletePayload: "/delete_my_data",
    privacyUrl: "",
    storageKey: "reflectie-widget",
    open: false,
  },
  window.ReflectieWidget || {}
);

function start() {
  const host = el("div", { id: "reflectie-widget" });
  document.body.append(host);
  const ui = buildUi(host.attachShadow({ mode: "open" }), config);
  const store = createBrowserStore(config.storageKey);
  const chat = new Chat({ config, view: new ChatView(ui), store });
  const player = new DemoPlayer({ chat, serverUrl: config.serverUrl });

  window.ReflectieWidget = Object.assign(window.ReflectieWidget || {}, {
    playDemo: (demoScript, options) => player.play(demoScript, options),
    stopDemo: (reason) => player.stop(reason),
  });
  if (config.open || store.wasOpen()) chat.open();
  window.dispatchEvent(new CustomEvent("reflectie-widget:ready"));
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
