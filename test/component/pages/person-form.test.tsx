// 修改人员信息 (packages/secretary/pages/person): the form checks with the contract's people.update
// schema and says what is wrong in Chinese, sends only what changed, records 转正, keeps what was
// typed when the function refuses; the page finds the person and shows the saved state.
import { describe, expect, jest, test } from '@jest/globals';
import { render, screen, waitFor } from '@testing-library/react';
import type { ActionInput, ApiReply, PersonRow } from '@shared/contract';
import { chinaDateString } from '@shared/time';
import { PersonForm } from '../../../miniapp/src/packages/secretary/pages/person/form';
import PersonPage from '../../../miniapp/src/packages/secretary/pages/person/index';
import { BRANCH, OTHER_BRANCH, fail, ok, personRow } from '../support/fixtures';
import { backend, router } from '../support/taro';
import { fill, inputByPlaceholder, inputOf, pick, pickerFace, pickersOf, tap, type } from '../support/dom';

const errors = () => [...document.querySelectorAll('.rp-errors .rp-error-text')].map((e) => e.textContent);
const sent = () => backend.inputs('org', 'people.update');

/** people.update as the function answers it: the row with the changes applied (转正 without a date: today). */
function applyUpdate(base: PersonRow) {
  backend.answer('org', 'people.update', (input: ActionInput<'org', 'people.update'>) => {
    const { personId: _id, ...changes } = input;
    const next: PersonRow = { ...base, ...changes } as PersonRow;
    if (input.memberType === 'full' && base.memberType !== 'full' && input.fullMemberOn === undefined) next.fullMemberOn = '2026-11-10';
    if (next.memberType !== 'full') next.fullMemberOn = null;
    return ok({ person: next });
  });
}

function open(person: PersonRow) {
  const onSaved = jest.fn<(p: PersonRow) => void>();
  render(<PersonForm person={person} branch={BRANCH} onSaved={onSaved} />);
  return onSaved;
}

describe('修改人员信息: the form', () => {
  test('saving with nothing changed says so and sends nothing', () => {
    open(personRow());
    tap('保存修改');
    expect(errors()).toEqual(['没有修改任何内容']);
    expect(sent()).toEqual([]);
  });

  test('each field’s problem in Chinese, from the contract’s schema', async () => {
    open(personRow());
    await fill('姓名', '马');
    tap('保存修改');
    expect(errors()).toEqual(['姓名至少 2 个字']);
    await fill('姓名', '马秀兰');
    await fill('手机号', '1380000');
    tap('保存修改');
    expect(errors()).toEqual(['手机号应为 11 位数字']);
    await fill('手机号', '13800001111');
    // 入党日期 is chosen on the wheel (nothing typed), up to today.
    expect(screen.queryByText(/写成/)).toBeNull();
    const [joined] = await pickersOf('入党日期');
    expect((joined as HTMLElement & { end?: string }).end ?? joined!.getAttribute('end')).toBe(chinaDateString(new Date()));
    await pick('入党日期', '2025-07-01');
    expect(await pickerFace('入党日期')).toBe('2025年7月1日 周二');
    tap('添加岗位');
    tap('保存修改');
    expect(errors()).toEqual(['请填写岗位名称']);
    expect(sent()).toEqual([]);
  });

  test('the phone field keeps at most 11 digits', async () => {
    applyUpdate(personRow());
    open(personRow());
    const phone = await inputOf('手机号');
    type(phone, '139000022229');
    await waitFor(() => expect(phone.value).toBe('13900002222'));
    tap('保存修改');
    await screen.findByText('已保存');
    expect(sent()).toEqual([{ personId: 'p-mxl', phone: '13900002222' }]);
  });

  test('转正: 正式党员 for a probationary member sends only the type (the function records today)', async () => {
    const mxl = personRow();
    applyUpdate(mxl);
    const onSaved = open(mxl);
    expect(screen.getByText('预备期满、经支部大会通过后，选“正式党员”即为转正')).toBeTruthy();
    tap('正式党员（转正）');
    expect(await pickerFace('转正日期')).toBe('今天');
    expect(screen.getByText('党龄从转正之日算起，不能晚于今天。不选则记为今天')).toBeTruthy();
    tap('保存修改');
    await screen.findByText('已保存');
    expect(sent()).toEqual([{ personId: mxl.id, memberType: 'full' }]);
    expect(onSaved.mock.calls[0]![0]).toMatchObject({ memberType: 'full', fullMemberOn: '2026-11-10' });
    // Saved: the form now holds the stored entry, so saving again changes nothing.
    expect(await pickerFace('转正日期')).toBe('2026年11月10日 周二');
    tap('保存修改');
    expect(errors()).toEqual(['没有修改任何内容']);
  });

  test('a refused 转正 date shows the function’s message and keeps the date typed', async () => {
    backend.answer('org', 'people.update', fail('INVALID_INPUT', '转正日期不能晚于今天'));
    open(personRow());
    tap('正式党员（转正）');
    await pick('转正日期', '2027-01-01');
    tap('保存修改');
    await waitFor(() => expect(errors()).toEqual(['转正日期不能晚于今天']));
    expect(sent()).toEqual([{ personId: 'p-mxl', memberType: 'full', fullMemberOn: '2027-01-01' }]);
    expect(await pickerFace('转正日期')).toBe('2027年1月1日 周五');
    expect(screen.queryByText('已保存')).toBeNull();
  });

  test('群众 has no 入党日期 or posts: they go, and the posts are cleared', async () => {
    const zhao = personRow({ id: 'p-zhao', name: '赵磊', memberType: 'full', fullMemberOn: '2016-07-01', posts: [{ kind: 'pioneer', title: '质检先锋岗' }] });
    applyUpdate(zhao);
    open(zhao);
    expect(screen.getByText('入党日期')).toBeTruthy();
    tap('群众');
    expect(screen.queryByText('入党日期')).toBeNull();
    expect(screen.queryByText('党员先锋岗 / 示范岗')).toBeNull();
    tap('保存修改');
    await screen.findByText('已保存');
    expect(sent()).toEqual([{ personId: 'p-zhao', memberType: 'none', posts: [] }]);
  });

  test('a party group, a post and 责任区 are sent trimmed', async () => {
    const mxl = personRow();
    applyUpdate(mxl);
    open(mxl);
    tap('第二党小组');
    tap('添加岗位');
    type(await inputByPlaceholder('岗位名称，例如“质检先锋岗”'), ' 安全先锋岗 ');
    await fill('责任区', ' 二号车间 ');
    tap('保存修改');
    await screen.findByText('已保存');
    expect(sent()).toEqual([{ personId: 'p-mxl', groupId: 'grp-2', posts: [{ kind: 'pioneer', title: '安全先锋岗' }], responsibilityArea: '二号车间' }]);
  });

  test('a masked phone cannot be edited and is never sent', async () => {
    const other = personRow({ phone: '138****1111', phoneMasked: true });
    applyUpdate(other);
    open(other);
    expect(screen.getByText('只有本人所在支部的书记能看到和修改完整手机号')).toBeTruthy();
    expect((await inputOf('手机号')).disabled).toBe(true);
    await fill('姓名', '马秀芝');
    tap('保存修改');
    await screen.findByText('已保存');
    expect(sent()).toEqual([{ personId: 'p-mxl', name: '马秀芝' }]);
  });

  test('while saving the button says so, and a second tap sends nothing', async () => {
    let reply!: (r: ApiReply<{ person: PersonRow }>) => void;
    backend.answer('org', 'people.update', () => new Promise((r) => (reply = r)));
    open(personRow());
    await fill('姓名', '马秀芝');
    tap('保存修改');
    await screen.findByText('正在保存…');
    tap('正在保存…');
    expect(sent()).toHaveLength(1);
    reply(ok({ person: personRow({ name: '马秀芝' }) }));
    await screen.findByText('已保存');
  });
});

describe('修改人员信息: the page', () => {
  const history = (person: PersonRow) => ({
    person, branch: { id: BRANCH.id, name: BRANCH.name, kind: BRANCH.kind },
    study: [{ topicId: 't1', title: '十一月专题：学习党章', month: '2026-11', park: true, state: 'done' as const, completedAt: '2026-11-08T02:00:00.000Z' }],
    meetings: [{ meetingId: 'm1', title: '11月主题党日', kind: 'partyDay' as const, date: '2026-11-10', attended: false }],
    volunteer: { hours: 0, items: [] },
    points: { total: 12, items: [{ label: '完成月度专题学习', points: 10, at: '2026-11-08T02:00:00.000Z', note: '十一月专题' }] },
  });

  test('reads the person and their history in one call (people.history), and shows the new type once saved', async () => {
    const mxl = personRow();
    router.params = { personId: mxl.id, branchId: BRANCH.id };
    backend.answer('org', 'branches.list', ok({ branches: [BRANCH, OTHER_BRANCH] }));
    backend.answer('org', 'people.history', ok(history(mxl)));
    applyUpdate(mxl);
    render(<PersonPage />);
    await screen.findByText('马秀兰', { selector: '.rp-title' });
    expect(backend.inputs('org', 'people.history')).toEqual([{ personId: mxl.id }]);
    expect(backend.inputs('org', 'people.list')).toEqual([]);
    // What they have done, before the form.
    expect(screen.getByText('近一年 1 个专题，完成 1 个')).toBeTruthy();
    expect(screen.getByText('未签到')).toBeTruthy();
    expect(screen.getByText('今年 12 分；下面是最近的记录')).toBeTruthy();
    expect(screen.getByText('还没有参加志愿服务')).toBeTruthy();
    expect(screen.getByText('预备党员', { selector: '.rp-tag' })).toBeTruthy();
    expect(screen.getByText('已绑定')).toBeTruthy();
    tap('正式党员（转正）');
    tap('保存修改');
    await screen.findByText('正式党员', { selector: '.rp-tag' });
  });

  test('opened without a person it says where to start', async () => {
    render(<PersonPage />);
    await screen.findByText('请从名册里点选要查看的人');
    expect(backend.calls).toEqual([]);
  });
});
