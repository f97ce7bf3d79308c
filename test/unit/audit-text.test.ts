// The audit log reads as sentences (shared/audit-text.ts). Every action the functions audit —
// found by reading cloudfunctions/**: every string literal in an `audit(…)` call — has a sentence,
// and a sentence built from an entry like the ones written is Chinese without ids or action names.
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUDIT_KINDS, AUDIT_SENTENCES, actionsOfKind, auditLink, auditText, type AuditNames } from '../../shared/audit-text.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every action name written by an audit(…) call in the functions (ternaries included). */
function auditedActions(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sources(path.join(ROOT, 'cloudfunctions'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\baudit\(\s*\w+\s*,([^\n]*)/g)) {
      // The action is the second argument: a literal, or a ternary of literals.
      const arg = m[1]!.split(/,\s*(?![^(]*\))/)[0]!;
      for (const lit of arg.matchAll(/'([a-z][A-Za-z]*(?:\.[A-Za-z]+)+)'/g)) found.set(lit[1]!, path.relative(ROOT, file));
    }
  }
  return found;
}

const names: AuditNames = {
  branch: (id) => ({ 'branch-a': '新能源公司党支部', 'branch-b': '园区联合党支部' })[id] ?? '已撤销的支部',
  person: (id) => ({ 'person-1': '王芳', 'person-2': '李强' })[id] ?? '已删除的人员',
  branchOfPerson: (id) => (id === 'person-1' ? 'branch-a' : null),
  meetingBranch: () => 'branch-a',
  topicBranch: () => null,
};

/** An entry as the functions write it: the detail fields they use, with plausible values. */
const DETAIL = {
  title: '11月主题党日', reason: '场地临时占用', dates: ['2026-11-28'], kind: 'partyDay', place: '党员活动室', personName: '王芳', person: '王芳',
  activity: '园区环境整治', hours: 3, personIds: ['person-1', 'person-2'], count: 2, personId: 'person-1', branchId: 'branch-a', branchName: '新能源公司党支部',
  fromBranchId: 'branch-a', toBranchId: 'branch-b', fileName: '名册.xlsx', memberType: 'full', before: { responsibilityArea: '一号车间' }, after: { responsibilityArea: '二号车间' },
  item: 'topicCompleted', points: -5, from: 1, to: 2, scope: 'park', month: '2026-11', number: 'ZY-2026-001', leftOn: '2026-11-01', group: { id: 'g', name: '第一党小组' },
  enterpriseIds: ['ent-1'], shifts: 2, published: true, people: 5, federation: '园区志愿服务联合会', was: { title: '11月主题党日', date: '2026-11-20', place: '会议室' }, date: '2026-11-28',
};

test('every audited action in the functions has a sentence', () => {
  const audited = auditedActions();
  assert.ok(audited.size >= 30, `found only ${audited.size} audited actions: the scan is broken`);
  for (const a of ['meetings.cancel', 'volunteer.shifts.confirm', 'volunteer.corrections.answer', 'people.unbind', 'points.reverse']) assert.ok(audited.has(a), a);
  const missing = [...audited].filter(([a]) => !AUDIT_SENTENCES[a]).map(([a, f]) => `${a} (${f})`);
  assert.deepEqual(missing, [], 'audited actions without a sentence in shared/audit-text.ts');
  const stale = Object.keys(AUDIT_SENTENCES).filter((a) => !audited.has(a));
  assert.deepEqual(stale, [], 'sentences for actions nothing audits any more');
  // And every one is in a filter of the log.
  const filtered = new Set(Object.keys(AUDIT_KINDS).flatMap((k) => actionsOfKind(k as keyof typeof AUDIT_KINDS)));
  assert.deepEqual([...audited.keys()].filter((a) => !filtered.has(a)), []);
});

test('each sentence is Chinese, names the actor, and shows no ids, action names or placeholders', () => {
  for (const action of Object.keys(AUDIT_SENTENCES)) {
    const target = /^(people\.|transfers\.|points\.reverse)/.test(action) && !['people.create', 'people.update'].includes(action) ? 'person-1' : action === 'roster.import' ? 'branch-a' : action.startsWith('topics.') || action.startsWith('meetings.') ? '0123456789abcdef0123456789abcdef' : '王芳';
    const e = { action, actor: { name: '杨建华' }, target, detail: DETAIL };
    const text = auditText(e, names);
    assert.ok(text.startsWith('杨建华'), `${action}: ${text}`);
    assert.ok(!/[A-Za-z]{2,}|[0-9a-f]{16}|undefined|null|\[object/.test(text.replace(/ZY-\d{4}-\d{3}|名册\.xlsx/g, '')), `${action}: ${text}`);
    // With an empty detail (older entries) it still reads, never "undefined".
    assert.ok(!/undefined|null|NaN/.test(auditText({ ...e, detail: {} }, names)), `${action} (empty detail)`);
    auditLink(e, names); // never throws
  }
  assert.equal(
    auditText({ action: 'meetings.cancel', actor: { name: '杨建华' }, target: 'm1', detail: { title: '11月主题党日', dates: ['2026-11-28'], reason: '场地临时占用' } }, names),
    '杨建华取消了「11月主题党日」（2026-11-28），原因：场地临时占用',
  );
  assert.equal(
    auditText({ action: 'meetings.markPresent', actor: { name: '李强' }, target: 'm1', detail: { personId: 'person-1', name: '王芳', title: '11月主题党日', date: '2026-11-28', reason: '手机没电，现场确认' } }, names),
    '李强为王芳补记了「11月主题党日」（2026-11-28）的签到，原因：手机没电，现场确认',
  );
  assert.equal(
    auditText({ action: 'meetings.update', actor: { name: '李强' }, target: 'm1', detail: { title: '11月主题党日', date: '2026-11-28', time: '14:30–16:30', place: '会议室', was: { title: '11月主题党日', date: '2026-11-28', time: '全天', place: '会议室' } } }, names),
    '李强修改了会议「11月主题党日」：时间改为 14:30–16:30',
  );
  assert.equal(auditText({ action: 'invites.create', actor: { name: '李强' }, target: 'branch-a', detail: { count: 2, personIds: ['person-1', 'person-2'] } }, names), '李强为王芳、李强生成了绑定邀请码');
  assert.deepEqual(auditLink({ action: 'people.update', actor: { name: '李强' }, target: '王芳', detail: { personId: 'person-1' } }, names), { to: 'person', personId: 'person-1', branchId: 'branch-a' });
  assert.equal(auditLink({ action: 'people.leave', actor: { name: '李强' }, target: 'person-9', detail: {} }, names), null);
  assert.deepEqual(auditLink({ action: 'meetings.cancel', actor: { name: '李强' }, target: 'm1', detail: {} }, names), { to: 'meetings', branchId: 'branch-a' });
});
