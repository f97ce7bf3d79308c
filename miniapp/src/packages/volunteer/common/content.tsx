/**
 * An activity's content blocks (the same blocks as a study topic's materials): 小标题, 段落, 图片 (tap to
 * enlarge) and 链接 (a real link in the H5 preview; in WeChat, which cannot open outside pages, the address
 * with 复制链接). Shared by the volunteer and organizer subpackages (never by a main-package page).
 */
import Taro from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import type { Block } from '@shared/contract';
import './content.scss';
import { copyText } from '../../../services/wx-privacy';

function LinkBlock({ b }: { b: Block }) {
  const url = b.url ?? '';
  if (process.env.TARO_ENV === 'h5') {
    return (
      <View className='vc-block vc-block--link'>
        <a className='vc-link' href={url} target='_blank' rel='noopener noreferrer'>
          {b.text || url}
        </a>
      </View>
    );
  }
  return (
    <View className='vc-block vc-block--link'>
      <Text className='vc-link__text'>{b.text || '链接'}</Text>
      <Text className='vc-link__url' userSelect>
        {url}
      </Text>
      <Button className='rp-btn rp-btn--ghost' onClick={() => void copyText(url, '链接已复制')}>
        复制链接
      </Button>
    </View>
  );
}

export function ContentBlocks({ blocks }: { blocks: Block[] }) {
  return (
    <View className='vc-content'>
      {blocks.map((b, i) => {
        const key = `${i}-${b.kind}`;
        if (b.kind === 'heading') return <Text key={key} className='vc-block vc-block--heading'>{b.text}</Text>;
        if (b.kind === 'paragraph') return <Text key={key} className='vc-block vc-block--paragraph' userSelect>{b.text}</Text>;
        if (b.kind === 'image')
          return (
            <View key={key} className='vc-block vc-block--image'>
              <Image className='vc-image' src={b.url ?? ''} mode='widthFix' onClick={() => b.url && void Taro.previewImage({ urls: [b.url] })} />
              {b.text && <Text className='rp-muted'>{b.text}</Text>}
            </View>
          );
        return <LinkBlock key={key} b={b} />;
      })}
    </View>
  );
}
