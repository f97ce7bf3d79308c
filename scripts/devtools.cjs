// Where WeChat DevTools is, for the miniprogram-automator suite (test/automator/) and for
// scripts/test.mjs (which builds the weapp for that suite only when DevTools is there).
// CommonJS so that both the ESM script and the Jest tests (compiled to CommonJS) can load it.
//   WECHAT_WS_ENDPOINT=ws://127.0.0.1:9420   connect to a DevTools already in automation mode
//   WECHAT_CLI_PATH=/…/cli                    launch DevTools through its command-line tool
// Without either, DevTools' default install path on macOS or Windows is tried.
const { existsSync } = require('node:fs');

const DEFAULT_CLI_PATHS = [
  '/Applications/wechatwebdevtools.app/Contents/MacOS/cli',
  'C:\\Program Files (x86)\\Tencent\\微信web开发者工具\\cli.bat',
  'C:\\Program Files\\Tencent\\微信web开发者工具\\cli.bat',
];

/** How to reach WeChat DevTools on this machine, or why it cannot be reached. */
function findDevTools(env = process.env) {
  if (env.WECHAT_WS_ENDPOINT) return { mode: 'connect', wsEndpoint: env.WECHAT_WS_ENDPOINT };
  // A WECHAT_CLI_PATH that does not exist is a mistake to report (launch fails), not a reason to skip.
  if (env.WECHAT_CLI_PATH) return { mode: 'launch', cliPath: env.WECHAT_CLI_PATH };
  const found = DEFAULT_CLI_PATHS.find((p) => existsSync(p));
  if (found) return { mode: 'launch', cliPath: found };
  return {
    mode: 'none',
    reason:
      'WeChat DevTools not found (set WECHAT_CLI_PATH to its cli, or WECHAT_WS_ENDPOINT to its automation port): ' +
      'the weapp build is NOT tested on this machine',
  };
}

module.exports = { findDevTools, DEFAULT_CLI_PATHS };
