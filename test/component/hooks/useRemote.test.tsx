// useRemote: loading → data or the function's message; reload keeps the data on screen and only the
// latest reply counts; markStale() makes every mounted page reload when shown again.
import { describe, expect, test } from '@jest/globals';
import { act, render, screen } from '@testing-library/react';
import { Button, Text, View } from '@tarojs/components';
import type { ApiReply, Card } from '@shared/contract';
import { markStale, useRemote } from '../../../miniapp/src/hooks/useRemote';
import { api } from '../../../miniapp/src/services/api';
import { ErrorState, Loading } from '../../../miniapp/src/components/States';
import { CARD, fail, ok } from '../support/fixtures';
import { backend, page } from '../support/taro';
import { tap } from '../support/dom';

function CardPage({ skip = false }: { skip?: boolean }) {
  const { state, reload } = useRemote(api.user.card, { skip });
  return (
    <View>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState message={state.error.message} onRetry={() => void reload()} />}
      {state.status === 'ok' && <Text>姓名：{state.data.name}</Text>}
      <Button onClick={() => void reload()}>刷新</Button>
    </View>
  );
}

/** Answers user.card only when the test says so, in any order. */
function heldReplies() {
  const pending: Array<(r: ApiReply<Card>) => void> = [];
  backend.answer('user', 'card', () => new Promise<ApiReply<Card>>((resolve) => pending.push(resolve)));
  return pending;
}

const settle = () => act(async () => {});
const named = (name: string) => ok({ ...CARD, name });

describe('useRemote', () => {
  test('shows loading, then the data', async () => {
    const pending = heldReplies();
    render(<CardPage />);
    expect(screen.getByText('正在加载…')).toBeTruthy();
    await act(async () => pending[0]!(named('王芳')));
    expect(screen.getByText('姓名：王芳')).toBeTruthy();
    expect(screen.queryByText('正在加载…')).toBeNull();
  });

  test('a refusal shows the function’s message; 重试 loads again', async () => {
    backend.answer('user', 'card', fail('NOT_BOUND'));
    render(<CardPage />);
    await settle();
    expect(screen.getByText('请先用支部书记发给您的邀请码绑定身份')).toBeTruthy();
    backend.answer('user', 'card', named('王芳'));
    tap('重试');
    await settle();
    expect(screen.getByText('姓名：王芳')).toBeTruthy();
  });

  test('reload keeps the data on screen while it fetches', async () => {
    const pending = heldReplies();
    render(<CardPage />);
    await act(async () => pending[0]!(named('王芳')));
    tap('刷新');
    await settle();
    expect(screen.getByText('姓名：王芳')).toBeTruthy();
    expect(screen.queryByText('正在加载…')).toBeNull();
    await act(async () => pending[1]!(named('王芳芳')));
    expect(screen.getByText('姓名：王芳芳')).toBeTruthy();
  });

  test('only the latest request counts when replies arrive out of order', async () => {
    const pending = heldReplies();
    render(<CardPage />);
    await act(async () => pending[0]!(named('第一次')));
    tap('刷新');
    tap('刷新');
    await act(async () => pending[2]!(named('第三次')));
    await act(async () => pending[1]!(named('第二次（晚到）')));
    expect(screen.getByText('姓名：第三次')).toBeTruthy();
    expect(screen.queryByText(/晚到/)).toBeNull();
  });

  test('after markStale() a page reloads when shown again; otherwise showing it fetches nothing', async () => {
    backend.answer('user', 'card', named('未绑定时'));
    render(<CardPage />);
    await settle();
    act(() => page.show());
    await settle();
    expect(backend.inputs('user', 'card')).toHaveLength(1);

    backend.answer('user', 'card', named('绑定以后'));
    markStale();
    act(() => page.show());
    expect(screen.getByText('正在加载…')).toBeTruthy();
    await settle();
    expect(screen.getByText('姓名：绑定以后')).toBeTruthy();
    expect(backend.inputs('user', 'card')).toHaveLength(2);
    act(() => page.show());
    await settle();
    expect(backend.inputs('user', 'card')).toHaveLength(2);
  });

  test('skip: nothing is fetched', async () => {
    render(<CardPage skip />);
    await settle();
    act(() => page.show());
    expect(backend.calls).toHaveLength(0);
    expect(screen.getByText('正在加载…')).toBeTruthy();
  });
});
