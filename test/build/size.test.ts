// `npm run size` on the weapp build that `npm test` made: per-package figures, and a non-zero exit
// when the main package is over its budget (checked by lowering the budget below the real size).
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../support/emulator.js';

function size(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/size.mjs'), '--no-build', '--json', ...args], { encoding: 'utf8' });
  const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, figures: line ? (JSON.parse(line) as { kb: Record<string, number>; totalKb: number }) : null };
}

test('size: the main package and every subpackage in KB, within the 1.5 MB main budget and WeChat limits', () => {
  const r = size();
  assert.equal(r.status, 0, r.stderr);
  const { kb, totalKb } = r.figures!;
  assert.ok(kb.main! > 50 && kb.main! < 1536, `main ${kb.main} KB`);
  for (const sub of ['packages/secretary', 'packages/admin']) assert.ok(kb[sub]! > 0 && kb[sub]! < 2048, `${sub} ${kb[sub]} KB`);
  const sum = Object.values(kb).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - totalKb) < 0.5, 'the packages add up to the total');
  assert.match(r.stdout, /^main\s+[\d.]+ KB/m);
});

test('size fails, naming the package, when the main package is over budget', () => {
  const main = size().figures!.kb.main!;
  const r = size('--max-main-kb', String(Math.floor(main / 2)));
  assert.equal(r.status, 1);
  assert.match(r.stderr, /FAIL: main is [\d.]+ KB, over \d+ KB/);
});
