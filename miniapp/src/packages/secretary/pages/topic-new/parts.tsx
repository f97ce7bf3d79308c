// The pieces of the 发布专题 / 修改专题 form: the materials as blocks (add, remove, move up and down),
// one quiz question, and the quiz as it stands once someone has answered it (read-only but for
// 最多答几次, which may still be raised).
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { Choice, digits } from '../../../ui/form';
import { type BlockDraft, type Draft, KIND_LABELS, KINDS, type QuestionDraft, newKey } from './values';

function move<T>(list: T[], i: number, d: number): T[] {
  const j = i + d;
  if (j < 0 || j >= list.length) return list;
  const out = list.slice();
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

export function Blocks({ blocks, onChange }: { blocks: BlockDraft[]; onChange: (b: BlockDraft[]) => void }) {
  const set = (i: number, p: Partial<BlockDraft>) => onChange(blocks.map((b, k) => (k === i ? { ...b, ...p } : b)));
  return (
    <View className='topic-form__blocks'>
      {blocks.length === 0 && <Text className='rp-muted'>还没有材料。点下面的按钮添加一段文字、小标题、图片或链接。</Text>}
      {blocks.map((b, i) => (
        <View key={b.key} className={`st-block topic-form__block topic-form__block--${b.kind}`}>
          <View className='st-block__head'>
            <Text className='st-block__kind'>
              {i + 1}. {KIND_LABELS[b.kind]}
            </Text>
            <View className='st-block__tools'>
              <Button className='rp-btn rp-btn--ghost rp-btn--inline st-mini topic-form__block-up' disabled={i === 0 || undefined} onClick={() => onChange(move(blocks, i, -1))}>
                上移
              </Button>
              <Button
                className='rp-btn rp-btn--ghost rp-btn--inline st-mini topic-form__block-down'
                disabled={i === blocks.length - 1 || undefined}
                onClick={() => onChange(move(blocks, i, 1))}
              >
                下移
              </Button>
              <Button className='rp-btn rp-btn--ghost rp-btn--inline st-mini topic-form__block-remove' onClick={() => onChange(blocks.filter((_, k) => k !== i))}>
                删除
              </Button>
            </View>
          </View>
          {b.kind === 'paragraph' ? (
            <Textarea
              className='rp-textarea topic-form__block-text'
              value={b.text}
              maxlength={5000}
              autoHeight
              placeholder='学习内容，例如原文摘录'
              onInput={(e) => set(i, { text: e.detail.value })}
            />
          ) : (
            <Input
              className='rp-input topic-form__block-text'
              value={b.text}
              maxlength={200}
              placeholder={b.kind === 'heading' ? '小标题' : b.kind === 'image' ? '图片说明（可不填）' : '链接文字，例如“原文链接”'}
              onInput={(e) => set(i, { text: e.detail.value })}
            />
          )}
          {(b.kind === 'image' || b.kind === 'link') && (
            <Input
              className='rp-input topic-form__block-url'
              value={b.url}
              maxlength={500}
              placeholder={b.kind === 'image' ? '图片地址 https://…' : '链接地址 https://…'}
              onInput={(e) => set(i, { url: e.detail.value })}
            />
          )}
        </View>
      ))}
      <View className='st-adds'>
        {KINDS.map((k) => (
          <Button
            key={k}
            className={`rp-btn rp-btn--ghost topic-form__block-add topic-form__block-add--${k}`}
            onClick={() => onChange([...blocks, { key: newKey(), kind: k, text: '', url: '' }])}
          >
            + {KIND_LABELS[k]}
          </Button>
        ))}
      </View>
    </View>
  );
}

export function Question({ q, index, onChange, onRemove }: { q: QuestionDraft; index: number; onChange: (q: QuestionDraft) => void; onRemove: () => void }) {
  const set = (p: Partial<QuestionDraft>) => onChange({ ...q, ...p });
  const toggle = (i: number) => {
    if (q.kind === 'single') set({ answer: [i] });
    else set({ answer: q.answer.includes(i) ? q.answer.filter((a) => a !== i) : [...q.answer, i].sort((a, b) => a - b) });
  };
  const removeChoice = (i: number) =>
    set({ choices: q.choices.filter((_, k) => k !== i), answer: q.answer.filter((a) => a !== i).map((a) => (a > i ? a - 1 : a)) });
  return (
    <View className='st-block topic-form__question'>
      <View className='st-block__head'>
        <Text className='st-block__kind'>第 {index + 1} 题</Text>
        <Button className='rp-btn rp-btn--ghost rp-btn--inline st-mini topic-form__question-remove' onClick={onRemove}>
          删除
        </Button>
      </View>
      <Input className='rp-input topic-form__question-text' value={q.text} maxlength={500} placeholder='题目' onInput={(e) => set({ text: e.detail.value })} />
      <View className='rp-row-actions st-actions'>
        <Choice className='topic-form__kind--single' on={q.kind === 'single'} title='单选' onClick={() => set({ kind: 'single', answer: q.answer.slice(0, 1) })} />
        <Choice className='topic-form__kind--multiple' on={q.kind === 'multiple'} title='多选' onClick={() => set({ kind: 'multiple' })} />
      </View>
      {q.choices.map((c, i) => (
        <View key={i} className='st-option'>
          <Input
            className='rp-input topic-form__option'
            value={c}
            maxlength={200}
            placeholder={`选项 ${String.fromCharCode(65 + i)}`}
            onInput={(e) => set({ choices: q.choices.map((x, k) => (k === i ? e.detail.value : x)) })}
          />
          <View className={`st-correct topic-form__correct${q.answer.includes(i) ? ' st-correct--on' : ''}`} data-index={i} onClick={() => toggle(i)}>
            <Text>{q.answer.includes(i) ? '✓ 正确' : '设为正确'}</Text>
          </View>
          {q.choices.length > 2 && (
            <Button className='rp-btn rp-btn--ghost rp-btn--inline st-mini topic-form__option-remove' onClick={() => removeChoice(i)}>
              删
            </Button>
          )}
        </View>
      ))}
      {q.choices.length < 8 && (
        <Button className='rp-btn rp-btn--ghost topic-form__option-add' onClick={() => set({ choices: [...q.choices, ''] })}>
          + 添加选项
        </Button>
      )}
    </View>
  );
}

type StoredQuiz = NonNullable<Draft['content']['quiz']>;

/**
 * The quiz once someone has answered it (or finished the topic): changing its questions, answers or
 * pass mark would change scores already given, so it is shown as it is; only 最多答几次 can go up.
 */
export function LockedQuiz({ quiz, attempts, onAttempts }: { quiz: StoredQuiz | null; attempts: string; onAttempts: (v: string) => void }) {
  if (!quiz) {
    return (
      <View className='topic-form__quiz-locked'>
        <Text className='rp-muted'>已有党员完成了这个专题的学习，不能再加测验（他们的完成情况会变）。</Text>
      </View>
    );
  }
  return (
    <View className='topic-form__quiz-locked'>
      <Text className='rp-text topic-form__locked-note'>已有党员答过测验，为了不改变大家的成绩，题目和答案不能再改；“最多答几次”还可以增加。</Text>
      {quiz.questions.map((q, i) => (
        <View key={i} className='st-block topic-form__locked-question'>
          <Text className='st-block__kind'>
            第 {i + 1} 题（{q.kind === 'single' ? '单选' : '多选'}）：{q.text}
          </Text>
          {q.choices.map((c, k) => (
            <Text key={k} className={q.answer.includes(k) ? 'rp-text' : 'rp-muted'}>
              {String.fromCharCode(65 + k)}. {c}
              {q.answer.includes(k) ? '  ✓ 正确' : ''}
            </Text>
          ))}
        </View>
      ))}
      <Text className='rp-muted'>
        {quiz.questions.length} 题中答对 {quiz.passMark} 题算通过
      </Text>
      <Text className='rp-text'>最多答几次</Text>
      <Text className='rp-muted'>只能增加，现在是 {quiz.maxAttempts} 次</Text>
      <Input
        className='rp-input topic-form__attempts'
        type='number'
        value={attempts}
        maxlength={2}
        onInput={(e) => {
          const d = digits(e.detail.value, 2);
          onAttempts(d);
          return d;
        }}
      />
    </View>
  );
}
