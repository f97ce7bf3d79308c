/**
 * Load something from the functions for a page: `const { state, reload } = useRemote(api.user.card)`.
 * state is loading → ok (data) | error (an ApiError with a Chinese message). `reload()` keeps the
 * current data on screen while it fetches (pull-to-refresh), and only the latest request counts.
 *
 * After something changes who the user is or what they see everywhere (binding), call
 * `markStale()`: every mounted page using this hook reloads when it is shown again (tab pages stay
 * mounted, so without this 首页 would keep greeting an unbound user).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import type { ApiError, ApiReply } from '@shared/contract';

export type RemoteState<T> = { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ok'; data: T };

let generation = 0;
export function markStale(): void {
  generation++;
}

export function useRemote<T>(load: () => Promise<ApiReply<T>>, opts: { skip?: boolean } = {}) {
  const [state, setState] = useState<RemoteState<T>>({ status: 'loading' });
  const latest = useRef(0);
  const loadedGeneration = useRef(generation);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    loadedGeneration.current = generation;
    const reply = await loadRef.current();
    if (ticket !== latest.current) return;
    setState(reply.ok ? { status: 'ok', data: reply.data } : { status: 'error', error: reply.error });
  }, []);

  useEffect(() => {
    if (!opts.skip) void reload();
  }, [reload, opts.skip]);

  useDidShow(() => {
    if (!opts.skip && loadedGeneration.current !== generation) {
      setState({ status: 'loading' });
      void reload();
    }
  });

  return { state, reload };
}
