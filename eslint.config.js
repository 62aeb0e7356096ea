// ESLint for the browser code (`make lint`): the recommended rules, plain scripts with the browser's globals.
"use strict";
const js = require("@eslint/js");

const browser = Object.fromEntries(
  [
    "window", "document", "localStorage", "location", "history", "navigator", "crypto", "fetch", "URL", "Blob",
    "setInterval", "clearInterval", "setTimeout", "clearTimeout", "requestAnimationFrame", "confirm", "alert",
    "console", "getComputedStyle", "matchMedia", "FileReader", "FormData", "HTMLElement", "Event", "CustomEvent",
    "sessionStorage", "ResizeObserver",
  ].map((name) => [name, "readonly"])
);

module.exports = [
  { ignores: ["static/vendor/**", "tests/support/axe/**", "node_modules/**", ".venv/**", "test-output/**"] },
  js.configs.recommended,
  {
    files: ["static/js/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      // io: the vendored Socket.IO client; Samenspel: static/js/common.js, shared by the page's scripts.
      globals: { ...browser, io: "readonly", Samenspel: "readonly" },
    },
    rules: {
      "no-unused-vars": ["error", { args: "none", caughtErrors: "none" }],
    },
  },
  {
    files: ["eslint.config.js"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable" } },
  },
];
