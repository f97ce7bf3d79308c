// One invite code as a card: the person's name, the 8 characters in big letters, the expiry in
// China time, and a copy button that copies a short message ready to paste into WeChat.
import { copyText } from '../../../../services/wx-privacy';
import { Button, Text, View } from '@tarojs/components';
import type { ActionOutput } from '@shared/contract';
import { chinaMinute } from '../../../ui';

export type Invite = ActionOutput<'org', 'invites.list'>['invites'][number];

export const inviteMessage = (i: Invite) =>
  `${i.name}您好！您的“红色园区”小程序邀请码是：${i.code}（${chinaMinute(i.expiresAt)} 前有效，只能用一次）。打开小程序，点“我的”→“绑定身份”，输入这 8 位邀请码即可。`;

/** Copy (after WeChat's privacy agreement for the clipboard: services/wx-privacy.ts). */
export function copy(text: string, toast = '已复制') {
  void copyText(text, toast);
}

export function InviteCard({ invite, fresh }: { invite: Invite; fresh?: boolean }) {
  return (
    <View className={`rp-item invite-card${fresh ? ' invite-card--fresh' : ''}`}>
      <View className='rp-item__body'>
        <Text className='rp-item__name invite-name'>{invite.name}</Text>
        <Text className='invite-code' data-code={invite.code}>
          {invite.code}
        </Text>
        <Text className='rp-item__line invite-expiry'>有效期至 {chinaMinute(invite.expiresAt)}（北京时间）</Text>
      </View>
      <Button className='rp-btn rp-btn--ghost rp-btn--inline invite-copy' onClick={() => copy(inviteMessage(invite))}>
        复制
      </Button>
    </View>
  );
}
