// The reminder templates and kinds (shared/reminders.ts): every kind's fields, filled with the longest values the
// contracts allow, are what WeChat accepts (the emulator's field rules, WeChat's 参数值内容限制说明); the templates
// are the ones registered in cloudfunctions/wx.local.json; digests and quiet hours.
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkValue } from '../../emulator/wx/openapi.js';
import { parseWxConfig } from '../../emulator/wx/config.js';
import { MEETING_KIND_LABELS } from '../../shared/contract';
import {
  DIGEST_TEMPLATE, REMINDER_FIELDS, REMINDER_KINDS, REMINDER_KIND_IDS, REMINDER_TEMPLATES, TEMPLATE_IDS, type ReminderTemplate,
  REMINDER_KIND_HINTS, digestText, fitFields, fitValue, inQuietHours, parseTemplateIds, quietProblem, quietText,
} from '../../shared/reminders';

const ROOT = path.resolve(__dirname, '../..');
const wx = parseWxConfig(JSON.parse(readFileSync(path.join(ROOT, 'cloudfunctions/wx.local.json'), 'utf8')));

// The longest values people can enter (shared/contract: titles and places 60, branch names 40) in the widest
// characters, and the latest dates; a name of the longest meeting label.
const long = (n: number, ch = '国') => ch.repeat(n);
const longestLabel = Object.values(MEETING_KIND_LABELS).sort((a, b) => b.length - a.length)[0]!;
const LATE = new Date('2026-12-31T15:59:00Z'); // 2026年12月31日 23:59 China time
const LONGEST: { [K in keyof typeof REMINDER_FIELDS]: Parameters<(typeof REMINDER_FIELDS)[K]>[0] } = {
  topicPublished: { title: long(60), deadline: '2026-12-31' },
  topicDue: { title: long(60), deadline: '2026-12-31' },
  topicNudge: { title: long(60), deadline: '2026-12-31', from: long(20) },
  meetingTomorrow: { label: longestLabel, title: long(60), date: '2026-12-31', startTime: '23:30', place: long(60), branch: long(40) },
  shiftSoon: { title: long(60), start: LATE, place: long(60) },
  waitlistPromoted: { title: long(60), start: LATE, place: long(60) },
  seatLost: { title: long(60), start: LATE, place: long(60) },
  hoursPending: { title: long(60) },
  recordClosing: { title: long(60), lastDay: '2026-12-31' },
  // shared/contract/pledge: what ≤ 200, a return's comment ≤ 200; a park of any size has at most 5 digits to rate.
  pledgeDueSoon: { what: long(200), dueOn: '2026-12-31' },
  pledgeOverdue: { what: long(200), dueOn: '2026-12-31' },
  pledgeReturned: { what: long(200), dueOn: '2026-12-31', comment: long(200) },
  reviewToRate: { year: '2026', toRate: 99999, until: '2027-12-31' },
};

describe('templates', () => {
  test('every template is registered in wx.local.json with the same fields and keyword names', () => {
    for (const id of TEMPLATE_IDS) {
      const t = REMINDER_TEMPLATES[id] as ReminderTemplate;
      expect(wx.templates[id]).toEqual({ title: t.title, fields: t.fields, labels: t.labels });
    }
  });

  test('every kind names a template, and its field builder fills exactly that template', () => {
    for (const kind of REMINDER_KIND_IDS) {
      const t = REMINDER_TEMPLATES[REMINDER_KINDS[kind].template] as ReminderTemplate;
      const fields = (REMINDER_FIELDS[kind] as (v: unknown) => Record<string, string>)(LONGEST[kind]);
      expect(Object.keys(fields).sort()).toEqual(Object.keys(t.fields).sort());
    }
  });

  test.each(REMINDER_KIND_IDS)('%s with the longest real values fits WeChat once fitted', (kind) => {
    const template = REMINDER_KINDS[kind].template;
    const t = REMINDER_TEMPLATES[template] as ReminderTemplate;
    const fitted = fitFields(template, (REMINDER_FIELDS[kind] as (v: unknown) => Record<string, string>)(LONGEST[kind]));
    for (const [key, type] of Object.entries(t.fields)) {
      expect([key, checkValue(type, fitted[key]!)]).toEqual([key, undefined]);
      expect(fitted[key]).not.toMatch(/\n/);
    }
  });

  test('the raw values would not fit: fitting is what makes them (a thing of 60 characters is cut to 20 with …)', () => {
    const raw = REMINDER_FIELDS.topicDue(LONGEST.topicDue);
    expect(checkValue('thing', raw.thing1)).toMatch(/at most 20/);
    const cut = fitValue('thing', raw.thing1);
    expect(Array.from(cut)).toHaveLength(20);
    expect(cut.endsWith('…')).toBe(true);
    expect(fitValue('thing', '短标题')).toBe('短标题');
    expect(fitValue('thing', '第一行\n第二行')).toBe('第一行 第二行');
    // Emoji count as one character each, as WeChat counts them.
    expect(checkValue('thing', fitValue('thing', '👨‍👩‍👧'.repeat(25)))).toBeUndefined();
  });

  test('a digest of every kind at once fits the digest template', () => {
    const text = digestText([...REMINDER_KIND_IDS, ...REMINDER_KIND_IDS]);
    expect(checkValue('thing', text)).toBeUndefined();
    expect(text.startsWith(`${REMINDER_KIND_IDS.length * 2}项待办：`)).toBe(true);
    expect(digestText(['meetingTomorrow', 'topicDue', 'shiftSoon'])).toBe('3项待办：主题党日、学习、志愿');
    expect(digestText(['topicDue', 'topicNudge'])).toBe('2项待办：学习');
    const fields = fitFields(DIGEST_TEMPLATE, { thing1: text, number2: '18', thing3: '点开查看全部待办' });
    for (const [k, type] of Object.entries((REMINDER_TEMPLATES[DIGEST_TEMPLATE] as ReminderTemplate).fields)) expect(checkValue(type, fields[k]!)).toBeUndefined();
  });
});

describe('quiet hours (China time)', () => {
  const q = { quietStart: '22:00', quietEnd: '08:00' };
  test.each([
    ['2026-11-30T13:59:00Z', false], // 21:59
    ['2026-11-30T14:00:00Z', true], // 22:00
    ['2026-11-30T18:00:00Z', true], // 02:00
    ['2026-11-30T23:59:00Z', true], // 07:59
    ['2026-12-01T00:00:00Z', false], // 08:00
  ])('%s → %s', (iso, quiet) => expect(inQuietHours(new Date(iso), q)).toBe(quiet));
  test('a window that does not wrap midnight, and none at all', () => {
    expect(inQuietHours(new Date('2026-11-30T05:00:00Z'), { quietStart: '12:00', quietEnd: '14:00' })).toBe(true); // 13:00
    expect(inQuietHours(new Date('2026-11-30T07:00:00Z'), { quietStart: '12:00', quietEnd: '14:00' })).toBe(false); // 15:00
    expect(inQuietHours(new Date('2026-11-30T18:00:00Z'), { quietStart: '00:00', quietEnd: '00:00' })).toBe(false);
  });
});

describe('REMINDER_TEMPLATE_IDS (the function at run time, the weapp build, the deploy)', () => {
  test('unset is empty; a good map is taken; anything else is a problem in words', () => {
    expect(parseTemplateIds(undefined)).toEqual({ ids: {}, problem: null });
    expect(parseTemplateIds('')).toEqual({ ids: {}, problem: null });
    expect(parseTemplateIds('{"TPL_TODO":"aB3_-x","TPL_PLEDGE_DUE":"Zz9"}')).toEqual({ ids: { TPL_TODO: 'aB3_-x', TPL_PLEDGE_DUE: 'Zz9' }, problem: null });
    expect(parseTemplateIds('{TPL_TODO:1}').problem).toMatch(/不是 JSON/);
    expect(parseTemplateIds('["TPL_TODO"]').problem).toMatch(/对象/);
    expect(parseTemplateIds('{"TPL_X":"a"}').problem).toMatch(/不认识的模板名：TPL_X/);
    expect(parseTemplateIds('{"TPL_TODO":"a b"}').problem).toMatch(/TPL_TODO 的模板ID不对/);
  });
});

describe('quiet hours the park admin sets', () => {
  test('1 to 14 hours, over midnight or not; said in words', () => {
    expect(quietProblem({ quietStart: '22:00', quietEnd: '08:00' })).toBeNull();
    expect(quietProblem({ quietStart: '12:00', quietEnd: '13:00' })).toBeNull();
    expect(quietProblem({ quietStart: '18:00', quietEnd: '08:00' })).toBeNull(); // 14 h
    expect(quietProblem({ quietStart: '22:00', quietEnd: '22:00' })).toMatch(/至少 1 小时/);
    expect(quietProblem({ quietStart: '22:00', quietEnd: '22:30' })).toMatch(/至少 1 小时/);
    expect(quietProblem({ quietStart: '17:30', quietEnd: '08:00' })).toBe('免打扰时段最长 14 小时，现在是 14 小时 30 分，白天的提醒会发不出去');
    expect(quietProblem({ quietStart: '', quietEnd: '08:00' })).toBe('请选择开始和结束时间');
    expect(quietText({ quietStart: '22:00', quietEnd: '08:00' })).toBe('每天 22:00 到次日 08:00（10 小时）');
    expect(quietText({ quietStart: '12:00', quietEnd: '13:30' })).toBe('每天 12:00 到 13:30（1 小时 30 分）');
  });
  test('every kind has its one-line description, short enough for one line at 390 px', () => {
    for (const k of REMINDER_KIND_IDS) expect([k, Array.from(REMINDER_KIND_HINTS[k]).length <= 20]).toEqual([k, true]);
  });
});
