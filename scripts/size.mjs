// `npm run size`: the weapp build's main package and each subpackage, in KB, against WeChat's limits
// (../shared/design/FACTS.md §3: 2 MB per package, 20 MB in all) and our own budget for the main
// package (500 KB: what every person downloads before the first screen; issue 21). Exits 1 when a limit
// is exceeded, or when the main package holds a library that belongs in subpackages (zod, @antv/f2).
//   npm run size                       build the weapp, then measure dist/weapp
//   node scripts/size.mjs --no-build   measure what is in dist/weapp now
//   --max-main-kb N                    another budget for the main package (tests use it)
//   --json                             the figures as one JSON line as well
//   --why [N]                          what fills the main package: its N (20) largest libraries and source
//                                      files, in minified KB (npm run size -- --why 30)
//   --package packages/x               with --why: that subpackage instead of the main package
// What is in the main package comes from dist/weapp-modules.json, which the weapp build writes beside
// dist/weapp (miniapp/config/module-map.ts): webpack's module ids with their files. Without it (an older
// build) the libraries are not checked.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    'max-main-kb': { type: 'string', default: '500' },
    dir: { type: 'string', default: path.join(root, 'dist/weapp') },
    json: { type: 'boolean', default: false },
    why: { type: 'boolean', default: false },
    package: { type: 'string', default: 'main' },
  },
  allowPositionals: true,
});
const MAX_MAIN_KB = Number(values['max-main-kb']);
const MAX_PACKAGE_KB = 2 * 1024;
const MAX_TOTAL_KB = 20 * 1024;
/** Libraries only some pages need: in the main package they would cost every person their download. */
const NOT_IN_MAIN = ['zod', '@antv/f2'];
const dir = path.resolve(values.dir);

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
// What WeChat DevTools uploads: source maps and licence notes are not part of the package.
const uploaded = files(dir).filter((f) => !f.endsWith('.map') && !f.endsWith('.LICENSE.txt'));
const inMain = (f) => !roots.some((r) => f.startsWith(r));
/** Whether `f` is in `pkg`: 'main' or a subpackage's root. */
const inPackage = (pkg, f) => (pkg === 'main' ? inMain(f) : f.startsWith(pkg.replace(/\/?$/, '/')));
const sizes = { main: 0 };
for (const r of roots) sizes[r.slice(0, -1)] = 0;
for (const f of uploaded) {
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

const main = contents('main');
if (main) {
  for (const lib of NOT_IN_MAIN) {
    const bytes = main.byLibrary.get(lib);
    if (bytes) problems.push(`the main package holds ${lib} (${kb(bytes)} KB): only subpackage pages may import it (npm run size -- --why)`);
  }
  if (values.why) why(values.package === 'main' ? main : contents(values.package), values.package, Number(positionals[0] ?? 20));
} else if (values.why) {
  console.error(`[size] ${path.join(dir, '..', 'weapp-modules.json')} is missing or older than the build: build the weapp (npm run build:weapp)`);
}
if (values.json) {
  const figures = { kb: Object.fromEntries(Object.entries(sizes).map(([k, v]) => [k, kb(v)])), totalKb: kb(total) };
  if (main) figures.mainLibrariesKb = Object.fromEntries([...main.byLibrary].map(([k, v]) => [k, kb(v)]));
  console.log(JSON.stringify(figures));
}
if (problems.length) {
  for (const p of problems) console.error(`[size] FAIL: ${p}`);
  process.exit(1);
}
console.log('[size] ok');

/**
 * A package's scripts ('main' or a subpackage's root), module by module, measured in the minified output (the bytes of each
 * `id: function(…){…}` in a webpack chunk), named from weapp-modules.json and summed per library
 * (node_modules/<package>), per source folder and per file. A module that webpack concatenated from several
 * files is shared out by their sizes before minifying. Null without a module map from this build.
 */
function contents(pkg) {
  const mapFile = path.join(dir, '..', 'weapp-modules.json');
  if (!existsSync(mapFile) || statSync(mapFile).mtimeMs < statSync(path.join(dir, 'app.json')).mtimeMs) return null;
  const { modules } = JSON.parse(readFileSync(mapFile, 'utf8'));
  const acorn = createRequire(import.meta.url)('acorn');
  const byLibrary = new Map(); // node_modules/<package> -> bytes
  const byFolder = new Map(); // library, or a source folder (miniapp/src/pages, shared, …) -> bytes
  const byFile = new Map();
  const scripts = [];
  const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
  for (const f of uploaded.filter((f) => f.endsWith('.js') && inPackage(pkg, f))) {
    const code = readFileSync(path.join(dir, f), 'utf8');
    const tables = [];
    (function walk(node) {
      // …push([[chunkIds], { id: function(module, exports, require) {…}, … }])
      if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && node.callee.property.name === 'push') {
        const arg = node.arguments[0];
        if (arg?.type === 'ArrayExpression' && arg.elements[1]?.type === 'ObjectExpression') tables.push(arg.elements[1]);
      }
      for (const v of Object.values(node)) {
        if (Array.isArray(v)) v.forEach((c) => c && typeof c.type === 'string' && walk(c));
        else if (v && typeof v.type === 'string') walk(v);
      }
    })(acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'script' }));
    let inModules = 0;
    for (const prop of tables.flatMap((t) => t.properties)) {
      const id = String(prop.key.value ?? prop.key.name);
      const bytes = Buffer.byteLength(code.slice(prop.start, prop.end));
      inModules += bytes;
      const parts = modules[id] ?? [[`(module ${id}, not in the map)`, 1]];
      const sum = parts.reduce((a, [, n]) => a + n, 0) || 1;
      for (const [file, n] of parts) {
        const share = (bytes * n) / sum;
        const lib = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
        if (lib) add(byLibrary, lib, share);
        add(byFolder, lib ?? file.split('/').slice(0, file.startsWith('miniapp/src/') ? 3 : 1).join('/'), share);
        add(byFile, file, share);
      }
    }
    const size = Buffer.byteLength(code);
    scripts.push({ file: f, size, outside: size - inModules });
    if (size > inModules) add(byFolder, '(webpack runtime and chunk wrappers)', size - inModules);
  }
  return { byLibrary, byFolder, byFile, scripts };
}

function why({ byFolder, byFile, scripts }, pkg, top) {
  const show = (title, m) => {
    console.log(`\n${title}`);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${String(kb(v)).padStart(8)} KB  ${k}`);
  };
  const name = pkg === 'main' ? 'the main package' : pkg;
  console.log(`\n${name}'s scripts${scripts.length > 15 ? ' (the largest 15)' : ''}`);
  for (const s of scripts.sort((a, b) => b.size - a.size).slice(0, 15)) console.log(`${String(kb(s.size)).padStart(8)} KB  ${s.file}`);
  show(`the ${top} largest libraries and source folders in them (minified)`, byFolder);
  show(`the ${top} largest files in them (minified)`, byFile);
  const other = uploaded.filter((f) => !f.endsWith('.js') && inPackage(pkg, f));
  const otherBytes = other.reduce((a, f) => a + statSync(path.join(dir, f)).size, 0);
  console.log(`\nnot scripts: ${kb(otherBytes)} KB (${other.length} files: templates, styles, page configs, icons)\n`);
}
