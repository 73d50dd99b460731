// Styles of the widget; they live in its shadow root, so the host page's CSS
// neither leaks in nor is touched.
export const STYLE = `
:host { all: initial; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap;
}
button, input { font: inherit; }
:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
.launcher, .panel {
  position: fixed; right: 16px; bottom: 16px; z-index: 2147483000;
  font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2933;
}
.launcher {
  border: 0; border-radius: 999px; padding: 12px 20px; cursor: pointer;
  background: #2b5f75; color: #fff; box-shadow: 0 4px 14px rgba(0,0,0,.25);
}
.panel {
  display: flex; flex-direction: column; width: 380px; height: min(600px, calc(100vh - 32px));
  background: #fff; border-radius: 14px; overflow: hidden; box-shadow: 0 8px 30px rgba(0,0,0,.25);
}
.header {
  display: flex; align-items: center; justify-content: space-between;
  padding: 10px 12px 10px 16px; background: #2b5f75; color: #fff;
}
.title { margin: 0; font-size: 17px; font-weight: 600; }
.close {
  border: 0; background: transparent; color: #fff; font-size: 26px; line-height: 1;
  width: 40px; height: 40px; border-radius: 8px; cursor: pointer;
}
.status { margin: 0; padding: 0 16px; font-size: 14px; color: #7a3e00; background: #fff4e0; }
.status:empty { display: none; }
.log { position: relative; flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; }
.message { max-width: 85%; padding: 8px 12px; border-radius: 14px; }
.message .text { white-space: pre-wrap; overflow-wrap: anywhere; }
.message.bot { align-self: flex-start; background: #eef3f5; border-bottom-left-radius: 4px; }
.message.user { align-self: flex-end; background: #2b5f75; color: #fff; border-bottom-right-radius: 4px; }
.divider {
  align-self: stretch; display: flex; align-items: center; gap: 10px; margin: 6px 0;
  font-size: 14px; color: #4a5a63; text-align: center;
}
.divider::before, .divider::after { content: ""; flex: 1; border-top: 1px solid #c9d3d8; }
.typing { display: flex; gap: 4px; padding: 0 24px 8px; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: #8aa4b0; animation: blink 1.2s infinite; }
.dot:nth-child(2) { animation-delay: .2s; }
.dot:nth-child(3) { animation-delay: .4s; }
@keyframes blink { 0%, 80%, 100% { opacity: .3; } 40% { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .dot { animation: none; } }
.replies { display: flex; flex-wrap: wrap; gap: 6px; padding: 0 12px; max-height: 40%; overflow-y: auto; flex-shrink: 0; }
.replies:not(:empty) { padding-bottom: 8px; }
.reply {
  border: 1px solid #2b5f75; background: #fff; color: #2b5f75; border-radius: 999px;
  padding: 6px 12px; cursor: pointer; min-height: 40px;
}
.composer { display: flex; gap: 8px; padding: 10px 12px; border-top: 1px solid #dde3e6; }
.composer input {
  flex: 1; min-width: 0; padding: 10px 12px; border: 1px solid #9aabb3; border-radius: 10px; color: #1f2933;
}
.send { border: 0; border-radius: 10px; padding: 0 14px; background: #2b5f75; color: #fff; cursor: pointer; }
.privacy { margin: 0; padding: 0 12px 10px; font-size: 13px; color: #4a5a63; }
.link {
  border: 0; background: none; padding: 0; color: #2b5f75; text-decoration: underline; cursor: pointer;
}
.privacy a { color: #2b5f75; }
@media (max-width: 480px) {
  .panel { right: 0; bottom: 0; width: 100vw; height: 100vh; height: 100dvh; border-radius: 0; }
  .launcher { right: 12px; bottom: 12px; }
  .reply { padding: 4px 10px; min-height: 36px; font-size: 15px; }
}
`;
