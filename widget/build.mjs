// Bundles src/widget.js and socket.io-client into dist/widget.js (one file to embed),
// and the demo page's player script into dist/demo-page.js.
import { build } from "esbuild";

await build({
  entryPoints: ["src/widget.js", "src/demo-page.js"],
  outdir: "dist",
  bundle: true,
  format: "iife",
  target: ["es2019"],
  minify: true,
  sourcemap: false,
  legalComments: "eof",
  logLevel: "info",
});
