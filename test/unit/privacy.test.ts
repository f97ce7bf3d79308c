// The privacy notice has one source (shared/privacy.ts): docs/PRIVACY.md must be exactly what it
// renders, every collection the product declares must be described in its appendix, and the text
// people read must be Chinese (no English words, no ids).
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PRIVACY_DATA, PRIVACY_DATA_KEYS, PRIVACY_INTRO, PRIVACY_SECTIONS, PRIVACY_TITLE, PRIVACY_VERSION, STORAGE, privacyMarkdown, privacyVersionLabel } from '../../shared/privacy.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('docs/PRIVACY.md is the notice the app shows (regenerate: npx tsx scripts/make-privacy-doc.ts)', () => {
  const doc = readFileSync(path.join(ROOT, 'docs/PRIVACY.md'), 'utf8');
  assert.equal(doc, privacyMarkdown());
  // And the pieces the app renders are all in it, word for word.
  for (const text of [PRIVACY_TITLE, ...PRIVACY_INTRO, ...PRIVACY_DATA.flatMap((d) => [d.title, d.what]), ...PRIVACY_SECTIONS.flatMap((s) => [s.title, ...s.paragraphs])]) {
    assert.ok(doc.includes(text), `docs/PRIVACY.md lacks: ${text}`);
  }
  assert.ok(doc.includes(`版本：${privacyVersionLabel(PRIVACY_VERSION)}`));
});

test('every collection in cloudfunctions/collections.json is described in the notice appendix, and only those', () => {
  const spec = JSON.parse(readFileSync(path.join(ROOT, 'cloudfunctions/collections.json'), 'utf8')) as { collections: Array<{ name: string }> };
  const declared = spec.collections.map((c) => c.name).sort();
  assert.deepEqual(Object.keys(STORAGE).sort(), declared, 'add the new collection to STORAGE in shared/privacy.ts (what it holds, which personal information), then regenerate docs/PRIVACY.md');
});

test('the kinds of information are the sections of 我的信息, each described in full', () => {
  assert.deepEqual(PRIVACY_DATA.map((d) => d.key), [...PRIVACY_DATA_KEYS]);
  const used = new Set(Object.values(STORAGE).flatMap((s) => s.kinds));
  for (const d of PRIVACY_DATA) {
    for (const field of ['title', 'what', 'why', 'who', 'howLong', 'none'] as const) assert.ok(d[field].length > 0, `${d.key}.${field}`);
    // Something not built yet is stored nowhere; anything else is stored somewhere.
    const notYet = d.why === '—';
    assert.equal(used.has(d.key), !notYet, `${d.key}: ${notYet ? 'described as not built but a collection holds it' : 'no collection holds it'}`);
  }
});

test('what people read is Chinese: no Latin letters outside the version', () => {
  const texts = [PRIVACY_TITLE, ...PRIVACY_INTRO, ...PRIVACY_DATA.flatMap((d) => [d.title, d.what, d.why, d.who, d.howLong, d.none]), ...PRIVACY_SECTIONS.flatMap((s) => [s.title, ...s.paragraphs])];
  const latin = texts.filter((t) => /[A-Za-z]/.test(t));
  assert.deepEqual(latin, []);
  assert.equal(privacyVersionLabel('2026-12-01'), '2026年12月1日');
});

test('the 我的信息 export: Chinese keys, a record per item, 暂无 where nothing is kept', async () => {
  const { myDataExport, myDataFileName } = await import('../../shared/my-data-export.js');
  const data = {
    name: '王芳', generatedAt: '2026-11-10T02:05:00.000Z',
    sections: [
      { key: 'roster' as const, title: '名册信息', note: '', none: '暂无', items: [{ title: '名册信息', fields: [{ label: '姓名', value: '王芳' }, { label: '手机号', value: '13800000001' }] }] },
      { key: 'points' as const, title: '积分', note: '', none: '暂无积分记录', items: [{ title: '参加主题党日', fields: [{ label: '积分', value: '+10 分' }, { label: '积分', value: '重复的标签' }] }] },
      { key: 'pledges' as const, title: '承诺践诺', note: '', none: '暂无承诺践诺记录', items: [] },
    ],
  };
  const out = myDataExport(data);
  assert.equal(out.姓名, '王芳');
  assert.equal(out.导出时间, '2026-11-10 10:05');
  assert.deepEqual(out.名册信息, [{ 事项: '名册信息', 姓名: '王芳', 手机号: '13800000001' }]);
  assert.deepEqual(out.积分, [{ 事项: '参加主题党日', 积分: '+10 分', 积分2: '重复的标签' }]);
  assert.equal(out.承诺践诺, '暂无承诺践诺记录');
  assert.equal(myDataFileName(data), '我的信息-王芳-2026-11-10.json');
});
