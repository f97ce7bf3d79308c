// CardView: the 亮身份 card's fields as a member (or a scanner) sees them; nothing private.
import { describe, expect, test } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import { CardView, type PublicCard } from '../../../miniapp/src/components/CardView';
import { CARD } from '../support/fixtures';
import { textOf } from '../support/dom';

/** The value next to a row's label. */
const row = (label: string) => screen.getByText(label, { selector: '.rp-row__label' }).parentElement!.querySelector('.rp-row__value')!.textContent;

describe('CardView', () => {
  test('shows name, type, branch, posts, park, 党龄, 责任区, and no placeholder rows for what the person does not have', () => {
    render(<CardView card={CARD} />);
    expect(screen.getByText('王芳')).toBeTruthy();
    expect(screen.getByText('正式党员')).toBeTruthy();
    expect(screen.getByText('第一联合党支部')).toBeTruthy();
    expect(screen.getByText('党员先锋岗 · 质检先锋岗')).toBeTruthy();
    expect(row('园区')).toBe('酒泉工业园区');
    expect(row('党龄')).toBe('13 年');
    expect(row('责任区')).toBe('二号车间');
    expect(screen.queryByText('公开承诺')).toBeNull();
    expect(screen.queryByText('志愿星级')).toBeNull();
  });

  test('a probationary member has no 党龄 row; pledge and stars when they exist', () => {
    const card: PublicCard = {
      ...CARD,
      memberType: 'probationary',
      partyYears: null,
      posts: [],
      responsibilityArea: null,
      pledge: { content: '带头做好安全生产，全年零事故', dueOn: '2026-12-31' },
      volunteerStars: 3,
    };
    render(<CardView card={card} />);
    expect(screen.getByText('预备党员')).toBeTruthy();
    expect(screen.queryByText('党龄')).toBeNull();
    expect(screen.queryByText('责任区')).toBeNull(); // no row of 暂无 on a card
    expect(row('公开承诺')).toBe('带头做好安全生产，全年零事故');
    expect(row('志愿星级')).toBe('★★★☆☆');
  });

  test('shows no phone, no id and no 入党日期, even when the object carries them', () => {
    // What a careless caller might pass (e.g. a roster row spread into the card).
    const leaky = { ...CARD, id: 'p-wf', phone: '13800001111', openid: 'o_wangfang' } as PublicCard;
    const { container } = render(<CardView card={leaky} />);
    const text = textOf(container);
    expect(text).not.toMatch(/1380000|p-wf|o_wangfang|2012-07-01|\d{11}/);
  });
});
