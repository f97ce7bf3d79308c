// Loading, Empty and ErrorState: the words a person sees instead of a page's content.
import { describe, expect, jest, test } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import { Button } from '@tarojs/components';
import { Empty, ErrorState, LoadFailed, Loading } from '../../../miniapp/src/components/States';
import { ROUTES } from '../../../miniapp/src/services/nav';
import { tap } from '../support/dom';
import { taro } from '../support/taro';

describe('States', () => {
  test('Loading says it is loading, or what it is loading', () => {
    const { rerender } = render(<Loading />);
    expect(screen.getByText('正在加载…')).toBeTruthy();
    rerender(<Loading text='正在读取专题…' />);
    expect(screen.getByText('正在读取专题…')).toBeTruthy();
  });

  test('Empty shows what is missing, the next step, and the action for it', () => {
    const go = jest.fn();
    render(
      <Empty
        title='还没有专题'
        hint='点下面的按钮发布本月的学习专题'
        action={
          <Button className='rp-btn' onClick={go}>
            发布专题
          </Button>
        }
      />,
    );
    expect(screen.getByText('还没有专题')).toBeTruthy();
    expect(screen.getByText('点下面的按钮发布本月的学习专题')).toBeTruthy();
    tap('发布专题');
    expect(go).toHaveBeenCalledTimes(1);
  });

  test('Empty without a hint or action shows just the title', () => {
    const { container } = render(<Empty title='这个专题没有测验' />);
    expect(container.querySelectorAll('.rp-state__text')).toHaveLength(0);
    expect(container.querySelector('.rp-state__action')).toBeNull();
  });

  test('ErrorState shows the message, and 重试 calls retry', () => {
    const retry = jest.fn();
    render(<ErrorState message='网络连接失败，请检查网络后重试' onRetry={retry} />);
    expect(screen.getByText('出错了')).toBeTruthy();
    expect(screen.getByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    tap('重试');
    tap('重试');
    expect(retry).toHaveBeenCalledTimes(2);
  });

  test('ErrorState without retry has no 重试 button', () => {
    render(<ErrorState message='您没有权限进行这项操作' />);
    expect(screen.getByText('您没有权限进行这项操作')).toBeTruthy();
    expect(screen.queryByText('重试')).toBeNull();
  });

  test('LoadFailed for someone who may not use the page: the reason, where their things are, and 回首页 that goes home', () => {
    const retry = jest.fn();
    render(<LoadFailed error={{ code: 'FORBIDDEN', message: '支部管理只对支部书记开放' }} onRetry={retry} />);
    expect(screen.getByText('支部管理只对支部书记开放')).toBeTruthy();
    expect(screen.getByText('您自己的学习、志愿和承诺都在首页。')).toBeTruthy();
    expect(screen.queryByText('出错了')).toBeNull();
    expect(screen.queryByText('重试')).toBeNull();
    tap('回首页');
    // reLaunch, not switchTab: a page opened from a shared link has nothing beneath it, and home starts fresh.
    expect(taro.callsTo('reLaunch')).toEqual([{ url: ROUTES.home }]);
    expect(retry).not.toHaveBeenCalled();
  });

  test('LoadFailed for any other failure: 出错了 with 重试, no 回首页', () => {
    const retry = jest.fn();
    render(<LoadFailed error={{ code: 'NETWORK', message: '网络连接失败，请检查网络后重试' }} onRetry={retry} />);
    expect(screen.getByText('出错了')).toBeTruthy();
    expect(screen.queryByText('回首页')).toBeNull();
    tap('重试');
    expect(retry).toHaveBeenCalledTimes(1);
  });
});
