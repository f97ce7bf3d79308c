// 三会一课 compliance colours at their boundaries (shared/compliance.ts): monthly 0 / 1–2 / 3 missed,
// quarterly 0 / 1 / 2, yearly held / November / after the year; due periods start with the branch.
import { describe, test, expect } from '@jest/globals';
import { compliance, type HeldMeeting } from '../../shared/compliance';

const m = (kind: HeldMeeting['kind'], date: string, over: Partial<HeldMeeting> = {}): HeldMeeting => ({ kind, date, attendees: 3, recorded: false, ...over });
const monthly = (kind: HeldMeeting['kind'], months: number[], over: Partial<HeldMeeting> = {}) => months.map((i) => m(kind, `2026-${String(i).padStart(2, '0')}-15`, over));
const branch = { createdMonth: '2020-01', groups: [] as Array<{ id: string; name: string }> };
const item = (c: ReturnType<typeof compliance>, key: string) => c.items.find((i) => i.key === key)!;
const ALL = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

describe('compliance colours', () => {
  test('monthly: 0 missed green, 1 and 2 yellow, 3 red (today 2026-07-10: January–June due)', () => {
    const today = '2026-07-10';
    const colour = (months: number[]) => item(compliance('2026', today, monthly('partyDay', months), branch), 'partyDay');
    expect(colour([1, 2, 3, 4, 5, 6]).colour).toBe('green');
    expect(colour([1, 2, 3, 4, 5]).colour).toBe('yellow');
    expect(colour([1, 2, 3, 4]).colour).toBe('yellow');
    const red = colour([1, 2, 3]);
    expect(red.colour).toBe('red');
    expect(red.missedPeriods).toEqual(['4月', '5月', '6月']);
    // This month is not due yet: none held in July changes nothing.
    expect(colour([1, 2, 3, 4, 5, 6]).due).toBe(6);
  });

  test('a month is due the day after its last day, not on it', () => {
    expect(item(compliance('2026', '2026-06-30', monthly('committee', [1, 2, 3, 4, 5]), branch), 'committee').colour).toBe('green');
    expect(item(compliance('2026', '2026-07-01', monthly('committee', [1, 2, 3, 4, 5]), branch), 'committee').colour).toBe('yellow');
  });

  test('quarterly: 0 missed green, 1 yellow, 2 red; a 大党课 counts as 党课', () => {
    const today = '2026-10-01'; // Q1–Q3 due
    const c = (meetings: HeldMeeting[]) => compliance('2026', today, meetings, branch);
    expect(item(c([m('memberAssembly', '2026-02-01'), m('memberAssembly', '2026-05-01'), m('memberAssembly', '2026-08-01')]), 'memberAssembly').colour).toBe('green');
    expect(item(c([m('memberAssembly', '2026-02-01'), m('memberAssembly', '2026-05-01')]), 'memberAssembly').colour).toBe('yellow');
    expect(item(c([m('memberAssembly', '2026-02-01')]), 'memberAssembly').colour).toBe('red');
    expect(item(c([m('partyLecture', '2026-02-01'), m('partyClass', '2026-05-01'), m('partyClass', '2026-08-01')]), 'partyClass').colour).toBe('green');
  });

  test('yearly: green before November, yellow in November and December, red after the year; held green', () => {
    expect(item(compliance('2026', '2026-10-31', [], branch), 'orgLife').colour).toBe('green');
    expect(item(compliance('2026', '2026-11-01', [], branch), 'orgLife').colour).toBe('yellow');
    expect(item(compliance('2026', '2026-12-31', [], branch), 'orgLife').colour).toBe('yellow');
    expect(item(compliance('2026', '2027-01-01', [], branch), 'orgLife').colour).toBe('red');
    expect(item(compliance('2026', '2027-01-01', [m('democraticReview', '2026-12-20')], branch), 'democraticReview').colour).toBe('green');
  });

  test('not held: cancelled, in the future, or nobody came and no record', () => {
    const today = '2026-03-05';
    const c = compliance('2026', today, [m('partyDay', '2026-01-10', { cancelled: true }), m('partyDay', '2026-02-10', { attendees: 0 })], branch);
    expect(item(c, 'partyDay').missed).toBe(2);
    const recorded = compliance('2026', today, [m('partyDay', '2026-01-10'), m('partyDay', '2026-02-10', { attendees: 0, recorded: true })], branch);
    expect(item(recorded, 'partyDay').colour).toBe('green');
  });

  test('党小组会 per group (the worst group), left out without groups; periods start with the branch; overall the worst', () => {
    const groups = [{ id: 'g1', name: '第一党小组' }, { id: 'g2', name: '第二党小组' }];
    const meetings = [...monthly('groupMeeting', [1, 2, 3], { groupId: 'g1' }), ...monthly('groupMeeting', [1], { groupId: 'g2' })];
    const c = compliance('2026', '2026-04-02', meetings, { createdMonth: '2020-01', groups });
    const g = item(c, 'groupMeeting');
    expect([g.colour, g.missed]).toEqual(['yellow', 2]);
    expect(g.missedPeriods).toEqual(['第二党小组 2月', '第二党小组 3月']);
    expect(compliance('2026', '2026-04-02', [], branch).items.some((i) => i.key === 'groupMeeting')).toBe(false);
    // A branch set up in May 2026: nothing due before May.
    const young = compliance('2026', '2026-07-05', monthly('partyDay', [5, 6]), { createdMonth: '2026-05', groups: [] });
    expect(item(young, 'partyDay').colour).toBe('green');
    expect(item(young, 'committee').missed).toBe(2);
    expect(young.colour).toBe('yellow');
    const full = compliance('2026', '2027-01-05', [...monthly('partyDay', ALL), ...monthly('committee', ALL), ...[2, 5, 8, 11].flatMap((i) => [m('memberAssembly', `2026-${String(i).padStart(2, '0')}-01`), m('partyClass', `2026-${String(i).padStart(2, '0')}-02`)]), m('orgLife', '2026-12-01'), m('democraticReview', '2026-12-02')], branch);
    expect(full.colour).toBe('green');
  });
});
