// docs/DEPLOY.md tells a park's IT person what to declare in WeChat's 用户隐私保护指引: every private
// kind of information and API in shared/privacy.ts (WECHAT_PRIVACY_GUIDE) must be named there, and the
// command it documents must exist.
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { WECHAT_PRIVACY_GUIDE } from '../../shared/privacy';
import { ROOT } from '../support/emulator.js';

const doc = readFileSync(path.join(ROOT, 'docs/DEPLOY.md'), 'utf8');

test('DEPLOY.md names every privacy API and kind of information the app declares', () => {
  for (const row of WECHAT_PRIVACY_GUIDE) {
    assert.ok(doc.includes(`\`${row.apis}\``), `${row.apis} is missing from docs/DEPLOY.md`);
    assert.ok(doc.includes(`${row.info} (\`${row.apis}\`)`), `${row.info} is not named with ${row.apis} in docs/DEPLOY.md`);
  }
});

test('the deploy command DEPLOY.md documents is in package.json', () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  assert.match(pkg.scripts.deploy ?? '', /scripts\/deploy\/index\.ts/);
  assert.match(doc, /npm run deploy -- --env \S+ --dry-run/);
});
