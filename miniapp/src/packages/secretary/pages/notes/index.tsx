// 学习心得 (?topicId=&branchId=&title=): the branch's notes for a topic, held ones (审核中) first with
// 通过 / 不通过, and a reply box under each note (notes.review; the reply is content-checked too).
import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { ActionInput, ActionOutput, Branch } from '@shared/contract';
import { type RefreshSlot, SecretaryFrame, useRefreshSlot } from '../../common/frame';
import { BusyButton } from '../../../../components/BusyButton';
import { Empty, ErrorState, Loading } from '../../../../components/States';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { validate } from '../../../../services/validate';
import { ErrorLines, Tag, chinaMinute } from '../../../ui';
import { useSubmit } from '../../../ui/form';
import { SEC } from '../../common/area';
import { backTo, param } from '../../common/study';
import '../../common/study.scss';

type Note = ActionOutput<'study', 'notes.list'>['notes'][number];

const STATUS: Record<Note['status'], { label: string; tone: 'gold' | 'green' | 'red' }> = {
  pending: { label: '审核中', tone: 'gold' },
  accepted: { label: '已通过', tone: 'green' },
  rejected: { label: '未通过', tone: 'red' },
};

function NoteItem({ initial }: { initial: Note }) {
  const [note, setNote] = useState(initial);
  const [reply, setReply] = useState('');
  const [sent, setSent] = useState(false);
  const decide = useSubmit();
  const answer = useSubmit();

  const review = async (which: typeof decide, input: ActionInput<'study', 'notes.review'>) => {
    const r = await which.submit(validate('study', 'notes.review', input), () => call('study', 'notes.review', input));
    if (!r) return false;
    setNote({ ...note, ...r.note });
    return true;
  };
  const send = async () => {
    if (await review(answer, { noteId: note.id, reply: reply.trim() })) {
      setReply('');
      setSent(true);
    }
  };
  const s = STATUS[note.status];
  return (
    <View className={`rp-section notes-item notes-item--${note.status}`} data-note-id={note.id}>
      <View className='rp-section-head'>
        <Text className='rp-title'>{note.name}</Text>
        <Tag tone={s.tone}>{s.label}</Tag>
      </View>
      <Text className='rp-muted'>{chinaMinute(note.submittedAt)} 提交</Text>
      <Text className='st-note'>{note.text}</Text>
      {note.status === 'pending' && (
        <>
          <Text className='rp-muted'>这篇心得需要您看一下，通过后才算完成。</Text>
          <View className='rp-row-actions st-actions'>
            <BusyButton className='rp-btn notes-approve' busy={decide.busy} busyText='正在处理…' onClick={() => review(decide, { noteId: note.id, decision: 'approve' })}>
              通过
            </BusyButton>
            <BusyButton className='rp-btn rp-btn--ghost notes-reject' busy={decide.busy} busyText='正在处理…' onClick={() => review(decide, { noteId: note.id, decision: 'reject' })}>
              不通过
            </BusyButton>
          </View>
          <ErrorLines error={decide.error} />
        </>
      )}
      {note.reply && <Text className='st-reply notes-item__reply'>书记回复：{note.reply}</Text>}
      {sent && <Text className='rp-muted notes-replied'>回复已发送</Text>}
      <Textarea
        className='rp-textarea notes-reply'
        value={reply}
        maxlength={500}
        autoHeight
        placeholder={note.reply ? '修改回复（最多 500 字）' : '写一句回复（最多 500 字）'}
        onInput={(e) => {
          setReply(e.detail.value);
          setSent(false);
        }}
      />
      <ErrorLines error={answer.error} />
      <BusyButton className='rp-btn rp-btn--ghost notes-reply-send' busy={answer.busy} busyText='正在发送…' onClick={send}>
        发送回复
      </BusyButton>
    </View>
  );
}

function Notes({ branch, slot }: { branch: Branch; slot: RefreshSlot }) {
  const params = useRouter().params;
  const topicId = param(params.topicId);
  const title = param(params.title);
  const { state, reload } = useRemote(() => call('study', 'notes.list', { topicId, branchId: branch.id }));
  slot.current = reload;
  const pending = state.status === 'ok' ? state.data.notes.filter((n) => n.status === 'pending').length : 0;
  // Held ones first; the server sorts too, this keeps it so whatever it sends.
  const notes = state.status === 'ok' ? [...state.data.notes].sort((a, b) => Number(b.status === 'pending') - Number(a.status === 'pending')) : [];
  return (
    <>
      {title && (
        <View className='rp-section'>
          <Text className='rp-title'>{title}</Text>
          {state.status === 'ok' && (
            <Text className='rp-muted'>
              共 {state.data.notes.length} 篇心得{pending ? `，${pending} 篇待审核` : ''}
            </Text>
          )}
        </View>
      )}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState message={state.error.message} onRetry={reload} />}
      {state.status === 'ok' && notes.length === 0 && <Empty title='还没有人交心得' hint='党员交了心得后会出现在这里。' />}
      {notes.map((n) => (
        <NoteItem key={`${n.id}-${n.status}-${n.reply ?? ''}`} initial={n} />
      ))}
      <Button className='rp-btn rp-btn--ghost' onClick={() => backTo(SEC.topics)}>
        返回学习专题
      </Button>
    </>
  );
}

export default function NotesPage() {
  const slot = useRefreshSlot();
  return <SecretaryFrame current={SEC.notes} slot={slot}>{({ branch }) => <Notes branch={branch} slot={slot} />}</SecretaryFrame>;
}
