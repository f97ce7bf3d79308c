/**
 * The three states a page shows besides its content: <Loading />, <Empty title hint action />
 * and <ErrorState message onRetry />. Plain words; the retry button is a full touch target.
 */
import type { ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { restart } from '../../services/nav';
import './index.scss';

export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className='rp-state'>
      <View className='rp-state__spinner' />
      <Text className='rp-state__text'>{text}</Text>
    </View>
  );
}

export function Empty({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <View className='rp-state'>
      <Text className='rp-state__title'>{title}</Text>
      {hint && <Text className='rp-state__text'>{hint}</Text>}
      {action && <View className='rp-state__action'>{action}</View>}
    </View>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className='rp-state rp-state--error'>
      <Text className='rp-state__title'>出错了</Text>
      <Text className='rp-state__text'>{message}</Text>
      {onRetry && (
        <View className='rp-state__action'>
          <Button className='rp-btn rp-btn--ghost' onClick={onRetry}>
            重试
          </Button>
        </View>
      )}
    </View>
  );
}

/** Whether a failed load only means this person may not use the page (a role they do not have). */
export const refused = (error: { code: string }) => error.code === 'FORBIDDEN';

/**
 * A failed load: someone who simply may not use the page (a member opening a secretary's page from a shared
 * link) is told so plainly and where their own things are, with 回首页 to get there (a shared link opens the
 * page alone, with no page below it to go back to), not shown an error with 重试.
 */
export function LoadFailed({ error, onRetry }: { error: { code: string; message: string }; onRetry?: () => void }) {
  if (refused(error)) {
    const home = (
      <Button className='rp-btn' onClick={() => restart()}>
        回首页
      </Button>
    );
    return <Empty title={error.message} hint='您自己的学习、志愿和承诺都在首页。' action={home} />;
  }
  return <ErrorState message={error.message} onRetry={onRetry} />;
}

