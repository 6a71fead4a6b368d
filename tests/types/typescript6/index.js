// The TypeScript 6 compiler API (this folder's own node_modules/typescript).
module.exports = require("typescript");
