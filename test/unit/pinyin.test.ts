// Roster order and search (shared/pinyin.ts): names sort by pinyin with the runtime's ICU, which
// must be the full one (a small-ICU Node would sort by code point without a word).
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { PINYIN_LOCALE, byPinyin, matchesSearch } from '../../shared/pinyin.js';

test('this Node has full ICU with the zh-Hans-CN pinyin collation', () => {
  assert.deepEqual(Intl.Collator.supportedLocalesOf([PINYIN_LOCALE]), [PINYIN_LOCALE]);
  // Pinyin is ICU's default collation for zh, so it resolves as "default" — but to Chinese, not the root locale.
  assert.match(new Intl.Collator(PINYIN_LOCALE).resolvedOptions().locale, /^zh/);
  assert.ok(process.versions.icu, 'Node built with ICU');
});

test('陈 李 王 张 in pinyin order (code point order would be 张 李 王 陈)', () => {
  assert.deepEqual(['张伟', '王芳', '陈静', '李强'].sort(byPinyin), ['陈静', '李强', '王芳', '张伟']);
  assert.deepEqual(['张', '李', '王', '陈'].sort(), ['张', '李', '王', '陈'], 'code point order, what the database gives');
  // The test park's branch A: the database returned 孙丽 李强 王芳 赵敏 陈静.
  assert.deepEqual(['孙丽', '李强', '王芳', '赵敏', '陈静'].sort(byPinyin), ['陈静', '李强', '孙丽', '王芳', '赵敏']);
  // Same surname: by the given name's pinyin; 欧阳 between 李 and 王; 吕 (lǚ) after 刘 (liú).
  assert.deepEqual(['王涛', '王芳', '王磊'].sort(byPinyin), ['王芳', '王磊', '王涛']);
  assert.deepEqual(['王一', '欧阳明', '李二'].sort(byPinyin), ['李二', '欧阳明', '王一']);
  assert.deepEqual(['吕布', '刘备'].sort(byPinyin), ['刘备', '吕布']);
  // A total order: equal readings fall back to code points, so the same list always comes out the same.
  assert.ok(byPinyin('张伟', '章伟') !== 0);
  assert.equal(byPinyin('王芳', '王芳'), 0);
});

test('search: any part of a name, or digits of the phone', () => {
  const p = { name: '欧阳建华', phone: '13912345678' };
  for (const s of ['欧阳', '建华', '阳建', ' 建 华 ', '5678', '139', '1234']) assert.ok(matchesSearch(s, p), s);
  for (const s of ['王', '华建', '0000', '13912345679']) assert.ok(!matchesSearch(s, p), s);
  assert.ok(matchesSearch('', p));
});
