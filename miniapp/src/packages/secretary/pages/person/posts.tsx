// The posts editor: up to 3 posts, each 党员先锋岗 or 党员示范岗 with its title.
import { Button, Input, Text, View } from '@tarojs/components';
import { POST_KINDS, POST_KIND_LABELS, type Post } from '@shared/contract';

const MAX_POSTS = 3;

export function PostsEditor({ posts, onChange }: { posts: Post[]; onChange: (p: Post[]) => void }) {
  const set = (i: number, p: Partial<Post>) => onChange(posts.map((x, j) => (j === i ? { ...x, ...p } : x)));
  return (
    <View className='person-posts'>
      {posts.length === 0 && <Text className='rp-muted'>暂无岗位</Text>}
      {posts.map((p, i) => (
        <View key={i} className='person-post'>
          <View className='rp-row-actions'>
            {POST_KINDS.map((k) => (
              <Button key={k} className={`rp-btn${p.kind === k ? '' : ' rp-btn--ghost'} person-post__kind`} onClick={() => set(i, { kind: k })}>
                {POST_KIND_LABELS[k]}
              </Button>
            ))}
          </View>
          <Input
            className='rp-input person-post__title'
            value={p.title}
            maxlength={20}
            placeholder='岗位名称，例如“质检先锋岗”'
            onInput={(e) => set(i, { title: e.detail.value })}
          />
          <Text className='rp-link person-post__remove' onClick={() => onChange(posts.filter((_, j) => j !== i))}>
            删除这个岗位
          </Text>
        </View>
      ))}
      {posts.length < MAX_POSTS && (
        <Button className='rp-btn rp-btn--ghost person-post-add' onClick={() => onChange([...posts, { kind: 'pioneer', title: '' }])}>
          添加岗位
        </Button>
      )}
    </View>
  );
}
