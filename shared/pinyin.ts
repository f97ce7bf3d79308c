// Chinese names in the order people expect: by pinyin (陈 chén, 李 lǐ, 王 wáng, 张 zhāng), not by
// Unicode code point (孙 before 李 before 王…). Node 20 ships full ICU, which has the pinyin collation
// of zh-Hans-CN; test/unit/pinyin.test.ts fails if the runtime lacks it (a small-ICU build would fall
// back to code-point order silently).
export const PINYIN_LOCALE = 'zh-Hans-CN-u-co-pinyin';

const collator = new Intl.Collator(PINYIN_LOCALE, { sensitivity: 'base', numeric: true });

/** Compare two names by pinyin; ties (same reading) by code point, so the order is total and stable. */
export function byPinyin(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Does a roster search match this person? Any part of the name (王 finds 王芳 and 汪王, 芳 finds 王芳),
 * or, for digits, any part of the phone (the last four digits are what people remember).
 */
export function matchesSearch(search: string, p: { name: string; phone: string }): boolean {
  const s = search.replace(/\s+/g, '');
  if (!s) return true;
  if (/^\d+$/.test(s)) return p.phone.includes(s);
  return p.name.includes(s);
}
