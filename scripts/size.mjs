// `npm run size`: the weapp build's main package and each subpackage, in KB, against WeChat's limits
// (../shared/design/FACTS.md §3: 2 MB per package, 20 MB in all) and our own budget for the main
// package (1.5 MB, leaving room to grow). Exits 1 when a limit is exceeded.
//   npm run size                       build the weapp, then measure dist/weapp
//   node scripts/size.mjs --no-build   measure what is in dist/weapp now
//   --max-main-kb N                    another budget for the main package (tests use it)
//   --json                             the figures as one JSON line as well
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    'max-main-kb': { type: 'string', default: String(1.5 * 1024) },
    dir: { type: 'string', default: path.join(root, 'dist/weapp') },
    json: { type: 'boolean', default: false },
  },
});
const MAX_MAIN_KB = Number(values['max-main-kb']);
const MAX_PACKAGE_KB = 2 * 1024;
const MAX_TOTAL_KB = 20 * 1024;
const dir = values.dir;

if (!values['no-build']) {
  const r = spawnSync('npm', ['run', '--silent', 'build:weapp'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    console.error('[size] the weapp build failed');
    process.exit(r.status ?? 1);
  }
}
if (!existsSync(path.join(dir, 'app.json'))) {
  console.error(`[size] ${dir}/app.json is missing: build the weapp first (npm run build:weapp)`);
  process.exit(1);
}

/** Every file under `d`, as paths relative to `dir` with forward slashes. */
function files(d) {
  return readdirSync(d).flatMap((name) => {
    const p = path.join(d, name);
    return statSync(p).isDirectory() ? files(p) : [path.relative(dir, p).split(path.sep).join('/')];
  });
}

const app = JSON.parse(readFileSync(path.join(dir, 'app.json'), 'utf8'));
const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/?$/, '/'));
const sizes = { main: 0 };
for (const r of roots) sizes[r.slice(0, -1)] = 0;
for (const f of files(dir)) {
  // What WeChat DevTools uploads: source maps and licence notes are not part of the package.
  if (f.endsWith('.map') || f.endsWith('.LICENSE.txt')) continue;
  const owner = roots.find((r) => f.startsWith(r));
  sizes[owner ? owner.slice(0, -1) : 'main'] += statSync(path.join(dir, f)).size;
}

const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;
const problems = [];
const total = Object.values(sizes).reduce((a, b) => a + b, 0);
console.log('package                        size');
for (const [name, bytes] of Object.entries(sizes)) {
  const limit = name === 'main' ? MAX_MAIN_KB : MAX_PACKAGE_KB;
  console.log(`${name.padEnd(28)} ${String(kb(bytes)).padStart(8)} KB   (limit ${limit} KB)`);
  if (kb(bytes) > limit) problems.push(`${name} is ${kb(bytes)} KB, over ${limit} KB`);
}
console.log(`${'total'.padEnd(28)} ${String(kb(total)).padStart(8)} KB   (limit ${MAX_TOTAL_KB} KB)`);
if (kb(total) > MAX_TOTAL_KB) problems.push(`the whole app is ${kb(total)} KB, over ${MAX_TOTAL_KB} KB`);
if (values.json) console.log(JSON.stringify({ kb: Object.fromEntries(Object.entries(sizes).map(([k, v]) => [k, kb(v)])), totalKb: kb(total) }));
if (problems.length) {
  for (const p of problems) console.error(`[size] FAIL: ${p}`);
  process.exit(1);
}
console.log('[size] ok');
