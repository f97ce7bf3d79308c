// `npm run build:functions`: one deployable folder per cloud function in dist/cloudfunctions/<name>/:
// index.js (esbuild bundle, CommonJS for the Node runtime, minified, with shared/ and @cloudbase/node-sdk
// compiled in), config.json, a package.json with no dependencies (nothing for CloudBase to install), and,
// for the functions that read or write xlsx, exceljs.js beside it.
//
// Why so (issue 21, `npm run bench:functions`): a cold start requires index.js, and requiring the SDK from
// node_modules (hundreds of small files resolved one by one) took longer than the whole minified bundle does;
// exceljs is 1 MB that only an export or a roster import needs, so it is a second file required on first
// use; zod's classic build re-exports ~45 locales, of which the functions use zh-CN (as the mini-program);
// the SDK's AI client, JSON web tokens and XML parser run on first use, not at every cold start (DEFERRED).
// `--legacy` builds the form before that (SDK left to CloudBase, not minified, exceljs inside): the
// benchmark's baseline in the same run.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'cloudfunctions');
// `--out <dir>` builds elsewhere (tests running side by side each use their own folder).
const outAt = process.argv.indexOf('--out');
const out = outAt > 0 && process.argv[outAt + 1] ? path.resolve(process.argv[outAt + 1]) : path.join(root, 'dist/cloudfunctions');
const legacy = process.argv.includes('--legacy');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const sdk = '@cloudbase/node-sdk';
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node16', minify: !legacy, logLevel: 'warning' };

/** `import('exceljs')` becomes `require('./exceljs.js')`, and that file is exceljs bundled on its own. */
const exceljsBeside = (dir) => ({
  name: 'exceljs-beside',
  setup(b) {
    let used = false;
    b.onResolve({ filter: /^exceljs$/ }, () => ((used = true), { path: './exceljs.js', external: true }));
    b.onEnd(async (r) => {
      if (!used || r.errors.length) return;
      await build({ ...common, stdin: { contents: "module.exports = require('exceljs');", resolveDir: root }, outfile: path.join(dir, 'exceljs.js') });
    });
  },
});
/** zod's locales index with zh-CN only (miniapp/config/zod-locales.js does the same for the mini-program). */
const zodZhOnly = {
  name: 'zod-zh-only',
  setup(b) {
    b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (a) => ({
      contents: "export { default as zhCN } from './zh-CN.js';", resolveDir: path.dirname(a.path), loader: 'js',
    }));
  },
};

/**
 * SDK parts no function uses at a cold start, run on first use instead of when the SDK loads: the AI client
 * (with its web-streams polyfill), the JSON web tokens of custom login, storage's XML parser. The SDK requires
 * them at its top level; here that require returns getters that load the part when a property is first read.
 */
const DEFERRED = [
  { importer: /node-sdk[\\/]dist[\\/]cloudbase\.js$/, spec: './ai' },
  { importer: /node-sdk[\\/]dist[\\/]auth[\\/]index\.js$/, spec: 'jsonwebtoken' },
  { importer: /node-sdk[\\/]dist[\\/]storage[\\/]index\.js$/, spec: 'xml2js' },
];
const deferSdkParts = {
  name: 'defer-sdk-parts',
  setup(b) {
    for (const d of DEFERRED) {
      b.onResolve({ filter: new RegExp(`^${d.spec.replace(/[./]/g, '\\$&')}$`) }, async (a) => {
        if (!d.importer.test(a.importer)) return undefined;
        const r = await b.resolve(a.path, { resolveDir: a.resolveDir, kind: a.kind });
        return r.errors.length ? { errors: r.errors } : { path: r.path, namespace: 'deferred' };
      });
    }
    b.onLoad({ filter: /.*/, namespace: 'deferred' }, (a) => {
      // The part's export names, read here at build time, so that no read of them at run time loads it early.
      const keys = Object.keys(createRequire(a.path)(a.path)).filter((k) => k !== 'default' && k !== '__esModule');
      const contents = `let m; const load = () => m || (m = require(${JSON.stringify(a.path)}));
Object.defineProperty(exports, '__esModule', { value: true });
for (const k of ${JSON.stringify(keys)}) Object.defineProperty(exports, k, { enumerable: true, get: () => load()[k] });
Object.defineProperty(exports, 'default', { get: () => { const r = load(); return r && r.__esModule ? r.default : r; } });`;
      return { contents, resolveDir: path.dirname(a.path), loader: 'js' };
    });
  },
};

rmSync(out, { recursive: true, force: true });
const names = readdirSync(src, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(src, d.name, 'index.ts')))
  .map((d) => d.name);
for (const name of names) {
  const dir = path.join(out, name);
  mkdirSync(dir, { recursive: true });
  await build({
    ...common,
    entryPoints: [path.join(src, name, 'index.ts')],
    outfile: path.join(dir, 'index.js'),
    external: legacy ? [sdk] : [],
    plugins: legacy ? [] : [exceljsBeside(dir), zodZhOnly, deferSdkParts],
    alias: { '@shared': path.join(root, 'shared') },
  });
  if (existsSync(path.join(src, name, 'config.json'))) copyFileSync(path.join(src, name, 'config.json'), path.join(dir, 'config.json'));
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name, version: pkg.version, private: true, main: 'index.js', dependencies: legacy ? { [sdk]: pkg.dependencies[sdk] } : {} }, null, 2) + '\n',
  );
}
copyFileSync(path.join(src, 'collections.json'), path.join(out, 'collections.json'));
console.log(`built ${names.length} function(s) into ${path.relative(root, out)}/: ${names.join(', ')}`);
