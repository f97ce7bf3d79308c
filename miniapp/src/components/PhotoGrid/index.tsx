/**
 * A record's pictures (issue 16): `<PhotoGrid record={{ kind: 'meeting', id }} purposes={['photo', 'sheet']} />`.
 * Loads files.list (links come from the function, only for people allowed to see the record), shows each
 * purpose as a grid (tap: full screen with Taro.previewImage), a picture still being checked marked 审核中
 * (only its uploader sees it), a failed one as a note without the picture. Whoever manages the record gets
 * 添加 (camera or album, several at once, each with its progress: services/files.ts) and 删除.
 * Someone who may not see the record gets a plain note, not an error.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import type { ActionOutput, ApiError } from '@shared/contract';
import type { FileView, RecordRef } from '@shared/contract/files';
import { CHECK_STATE_LABELS, FILE_PURPOSE_LABELS, MAX_FILES_AT_ONCE, PURPOSES_OF, type FilePurpose } from '@shared/contract/file-rules';
import { useRemote } from '../../hooks/useRemote';
import { call } from '../../services/api';
import { pickImages, uploadImage, type Picked } from '../../services/files';
import { BusyButton } from '../BusyButton';
import { ErrorState, Loading } from '../States';
import './index.scss';

type Listing = ActionOutput<'files', 'files.list'>;

interface Props {
  record: RecordRef;
  purposes: FilePurpose[];
  /** Show the record's title above the pictures (a page of its own). */
  showTitle?: boolean;
  /** What to say to someone who may not see the record. */
  noAccess?: string;
}

const EMPTY_HINT: Record<FilePurpose, { manager: string; viewer: string }> = {
  photo: { manager: '点“添加活动照片”拍照或从相册选择，一次最多 9 张。', viewer: '支部书记上传后会显示在这里。' },
  sheet: { manager: '会后把签到表拍下来上传，方便存档。', viewer: '支部书记上传后会显示在这里。' },
  cover: { manager: '点“设置封面图片”选择一张图片。', viewer: '' },
};

interface Progress {
  path: string;
  percent: number;
}

function Uploader({ record, purpose, room, onDone }: { record: RecordRef; purpose: FilePurpose; room: number; onDone: () => void }) {
  const [progress, setProgress] = useState<Progress[] | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const label = purpose === 'cover' ? '设置封面图片' : `添加${FILE_PURPOSE_LABELS[purpose]}`;

  const start = async () => {
    setProblems([]);
    const picked = await pickImages(Math.min(room, MAX_FILES_AT_ONCE));
    if (!picked) return;
    const refused = [...picked.refused];
    if (picked.ok.length === 0) return setProblems(refused.length ? refused : ['没有选中图片']);
    const items: Picked[] = picked.ok;
    setProgress(items.map((p) => ({ path: p.path, percent: 0 })));
    const fail = (message: string) => {
      setProgress(null);
      setProblems([...refused, message]);
    };
    const prep = await call('files', 'files.prepare', { files: items.map((p) => ({ ext: p.ext, size: p.size })) });
    if (!prep.ok) return fail(prep.error.message);
    const ids: string[] = [];
    try {
      for (const [i, p] of items.entries()) {
        const set = (percent: number) => setProgress((cur) => cur && cur.map((x, j) => (j === i ? { ...x, percent } : x)));
        ids.push(await uploadImage(p, prep.data.uploads[i]!.cloudPath, set));
        set(100);
      }
    } catch (e) {
      return fail((e as Error).message || '上传失败，请稍后重试');
    }
    const r = await call('files', 'files.attach', { record, purpose, fileIds: ids });
    if (!r.ok) return fail(r.error.message);
    setProgress(null);
    setProblems(refused);
    onDone();
  };

  const busy = progress !== null;
  const done = progress?.filter((p) => p.percent >= 100).length ?? 0;
  return (
    <View className='photo-uploader'>
      {progress && (
        <View className='photo-grid photo-grid--uploading'>
          {progress.map((p) => (
            <View key={p.path} className='photo-grid__cell'>
              <Image className='photo-grid__img' src={p.path} mode='aspectFill' />
              <Text className='photo-grid__badge photo-grid__badge--progress'>{p.percent >= 100 ? '已上传' : `${p.percent}%`}</Text>
            </View>
          ))}
        </View>
      )}
      {problems.map((m) => (
        <Text key={m} className='rp-error-text photo-uploader__problem'>
          {m}
        </Text>
      ))}
      {room > 0 ? (
        <BusyButton className={`rp-btn photo-uploader__add photo-uploader__add--${purpose}`} busy={busy} busyText={`正在上传 ${done}/${progress?.length ?? 0}…`} onClick={start}>
          {label}
        </BusyButton>
      ) : (
        <Text className='rp-muted'>已达到上限，删除一些后才能再添加。</Text>
      )}
    </View>
  );
}

function Photo({ f, all, onRemoved }: { f: FileView; all: FileView[]; onRemoved: () => void }) {
  const [error, setError] = useState<ApiError | null>(null);
  const urls = all.map((x) => x.url).filter((u): u is string => !!u);
  const remove = async () => {
    const ok = await Taro.showModal({ title: '删除这张图片？', content: '删除后其他人也看不到了。', confirmText: '删除', cancelText: '不删' });
    if (!ok.confirm) return;
    const r = await call('files', 'files.remove', { fileId: f.fileId });
    if (!r.ok) return setError(r.error);
    onRemoved();
  };
  return (
    <View className={`photo-grid__cell photo-grid__cell--${f.check}`} data-check={f.check}>
      {f.url ? (
        <Image className='photo-grid__img' src={f.url} mode='aspectFill' onClick={() => void Taro.previewImage({ urls, current: f.url! })} />
      ) : (
        <View className='photo-grid__hidden'>
          <Text className='photo-grid__hidden-text'>{CHECK_STATE_LABELS.failed}</Text>
        </View>
      )}
      {f.check === 'pending' && <Text className='photo-grid__badge'>审核中</Text>}
      {f.canRemove && (
        <Button className='photo-grid__remove' onClick={remove}>
          删除
        </Button>
      )}
      {error && <Text className='rp-error-text'>{error.message}</Text>}
    </View>
  );
}

export function PhotoGrid({ record, purposes, showTitle = false, noAccess = '您看不到这里的图片。' }: Props) {
  const { state, reload } = useRemote(() => call('files', 'files.list', { record }));
  if (state.status === 'loading') return <Loading text='正在加载图片…' />;
  if (state.status === 'error') {
    if (state.error.code === 'NOT_FOUND' || state.error.code === 'FORBIDDEN' || state.error.code === 'NOT_BOUND')
      return <Text className='rp-muted photo-grid__no-access'>{noAccess}</Text>;
    return <ErrorState message={state.error.message} onRetry={() => void reload()} />;
  }
  const data: Listing = state.data;
  const pendingMine = data.files.some((f) => f.check === 'pending' && f.mine);
  return (
    <View className='photo-grids'>
      {showTitle && (
        <View className='photo-grids__head'>
          <Text className='rp-title photo-grids__title'>{data.record.title}</Text>
          <Text className='rp-muted'>{data.record.subtitle}</Text>
        </View>
      )}
      {purposes.map((purpose) => {
        const files = data.files.filter((f) => f.purpose === purpose);
        const max = PURPOSES_OF[record.kind][purpose] ?? 0;
        if (!data.canAdd && files.length === 0 && purpose === 'cover') return null;
        return (
          <View key={purpose} className={`photo-section photo-section--${purpose}`}>
            {purpose !== 'cover' && (
              <Text className='photo-section__title'>
                {FILE_PURPOSE_LABELS[purpose]}
                {files.length ? `（${files.length}）` : ''}
              </Text>
            )}
            {files.length === 0 ? (
              <Text className='rp-muted photo-section__empty'>
                {purpose === 'cover' ? '还没有封面图片。' : `还没有${FILE_PURPOSE_LABELS[purpose]}。`}
                {data.canAdd ? EMPTY_HINT[purpose].manager : EMPTY_HINT[purpose].viewer}
              </Text>
            ) : (
              <View className={`photo-grid${purpose === 'cover' ? ' photo-grid--cover' : ''}`}>
                {files.map((f) => (
                  <Photo key={f.fileId} f={f} all={files} onRemoved={() => void reload()} />
                ))}
              </View>
            )}
            {data.canAdd && <Uploader record={record} purpose={purpose} room={purpose === 'cover' ? 1 : max - files.length} onDone={() => void reload()} />}
          </View>
        );
      })}
      {pendingMine && (
        <View className='photo-grids__pending'>
          <Text className='rp-muted'>标“审核中”的图片正在接受微信内容安全检查，通过后其他人才能看到。</Text>
          <Button className='rp-btn rp-btn--ghost photo-grids__reload' onClick={() => void reload()}>
            刷新
          </Button>
        </View>
      )}
    </View>
  );
}

/** A record's cover picture, or nothing (no cover yet, still being checked for others, or no access). */
export function CoverImage({ record }: { record: RecordRef }) {
  const { state } = useRemote(() => call('files', 'files.list', { record }));
  const cover = state.status === 'ok' ? state.data.files.find((f) => f.purpose === 'cover' && f.url) : undefined;
  if (!cover?.url) return null;
  return (
    <View className='photo-cover' data-check={cover.check}>
      <Image className='photo-cover__img' src={cover.url} mode='aspectFill' onClick={() => void Taro.previewImage({ urls: [cover.url!] })} />
      {cover.check === 'pending' && <Text className='photo-grid__badge'>审核中</Text>}
    </View>
  );
}
