// Bundles src/widget.js and socket.io-client into dist/widget.js (one file to embed).
import { build } from "esbuild";

await build({
  entryPoints: ["src/widget.js"],
  outfile: "dist/widget.js",
  bundle: true,
  format: "iife",
  target: ["es2019"],
  minify: true,
  sourcemap: false,
  legalComments: "eof",
  logLevel: "info",
});
