/* global module, require */
// The TypeScript 6 compiler API (this folder's own node_modules/typescript).
// eslint-disable-next-line @typescript-eslint/no-require-imports
module.exports = require("typescript");
