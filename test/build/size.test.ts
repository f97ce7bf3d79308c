// `npm run size` on the weapp build that `npm test` made: per-package figures, and a non-zero exit
// when the main package is over its budget (checked by lowering the budget below the real size) or holds
// a library that belongs in subpackages (checked on a made-up build).
import { afterAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../support/emulator.js';

interface Figures {
  kb: Record<string, number>;
  totalKb: number;
  mainLibrariesKb?: Record<string, number>;
}

function size(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/size.mjs'), '--no-build', '--json', ...args], { encoding: 'utf8' });
  const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, figures: line ? (JSON.parse(line) as Figures) : null };
}

test('size: the main package and every subpackage in KB, within the 500 KB main budget and WeChat limits', () => {
  const r = size();
  assert.equal(r.status, 0, r.stderr);
  const { kb, totalKb, mainLibrariesKb } = r.figures!;
  assert.ok(kb.main! > 50 && kb.main! <= 500, `main ${kb.main} KB`);
  for (const sub of ['packages/secretary', 'packages/admin']) assert.ok(kb[sub]! > 0 && kb[sub]! < 2048, `${sub} ${kb[sub]} KB`);
  const sum = Object.values(kb).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - totalKb) < 0.5, 'the packages add up to the total');
  assert.match(r.stdout, /^main\s+[\d.]+ KB/m);
  // The build wrote its module map: the main package's libraries are known, React's renderer among them, zod not.
  assert.ok(mainLibrariesKb, 'dist/weapp-modules.json from the same build');
  assert.ok(mainLibrariesKb['react-reconciler']! > 50, JSON.stringify(mainLibrariesKb));
  assert.equal(mainLibrariesKb.zod, undefined);
  assert.equal(mainLibrariesKb['@antv/f2'], undefined);
});

test('size fails, naming the package, when the main package is over budget', () => {
  const main = size().figures!.kb.main!;
  const r = size('--max-main-kb', String(Math.floor(main / 2)));
  assert.equal(r.status, 1);
  assert.match(r.stderr, /FAIL: main is [\d.]+ KB, over \d+ KB/);
});

test('size --why lists what fills the main package, largest first, in minified KB', () => {
  const r = size('--why', '5');
  assert.equal(r.status, 0, r.stderr);
  const folders = r.stdout.split('the 5 largest libraries and source folders')[1]!.split('\n\n')[0]!.split('\n').slice(1);
  assert.equal(folders.length, 5, r.stdout);
  const kbs = folders.map((l) => Number(/^\s*([\d.]+) KB  \S/.exec(l)![1]));
  assert.equal([...kbs].sort((a, b) => b - a).join(' '), kbs.join(' '), 'largest first');
  assert.match(r.stdout, /KB {2}react-reconciler$/m);
});

// A made-up build: one main-package script with two modules, one of them from a library that must not be there.
const fake = mkdtempSync(path.join(tmpdir(), 'redpark-size-'));
afterAll(() => rmSync(fake, { recursive: true, force: true }));

function fakeBuild(library: string) {
  const weapp = path.join(fake, library.replace('/', '_'), 'weapp');
  mkdirSync(path.join(weapp, 'packages/a'), { recursive: true });
  writeFileSync(path.join(weapp, 'app.json'), JSON.stringify({ pages: ['pages/index/index'], subPackages: [{ root: 'packages/a', pages: ['pages/x/index'] }] }));
  writeFileSync(path.join(weapp, 'packages/a/sub.js'), `(wx.webpackJsonp=wx.webpackJsonp||[]).push([[2],{33:function(e){e.exports="${'y'.repeat(4000)}"}}]);`);
  writeFileSync(path.join(weapp, 'vendors.js'), `(wx.webpackJsonp=wx.webpackJsonp||[]).push([[1],{11:function(e){e.exports="${'x'.repeat(3000)}"},22:function(e){e.exports=2}}]);`);
  // The module map is written after the bundles (the size check ignores a map older than app.json).
  writeFileSync(
    path.join(weapp, '..', 'weapp-modules.json'),
    JSON.stringify({ modules: { 11: [[`node_modules/${library}/dist/index.js`, 900]], 22: [['miniapp/src/app.tsx', 10]], 33: [['node_modules/zod/index.js', 900]] } }),
  );
  return weapp;
}

test('size fails when zod or @antv/f2 is in the main package, and not for the same library in a subpackage', () => {
  for (const lib of ['zod', '@antv/f2']) {
    const r = size('--dir', fakeBuild(lib));
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stderr, new RegExp(`FAIL: the main package holds ${lib.replace('/', '\\/')} \\(3 KB\\)`));
    assert.doesNotMatch(r.stderr, /FAIL: main is/);
  }
  const ok = size('--dir', fakeBuild('dayjs'));
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(JSON.stringify(ok.figures!.mainLibrariesKb), JSON.stringify({ dayjs: 3 }), 'the library module, measured in the minified script');
});
