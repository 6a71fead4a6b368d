/* global process */
// Loaded by .mocharc.json before ts-node: ts-node would keep a V8 code cache folder in os.tmpdir()
// (v8-compile-cache-<uid>), and a test run leaves the temporary directory as it found it. Child
// processes started by the tests inherit the setting.
process.env.DISABLE_V8_COMPILE_CACHE = "1";
