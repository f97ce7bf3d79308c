/**
 * The 亮身份 card's fields as labelled rows: used by 我的 (own card) and 扫码验证 (a verified,
 * public card, which has no joinedPartyOn). A 责任区, a pledge or a star level shows only when the person has one:
 * a row of "暂无" on everyone's card makes people look bad.
 */
import { Text, View } from '@tarojs/components';
import type { Card } from '@shared/contract';
import { MEMBER_TYPE_LABELS, POST_KIND_LABELS } from '@shared/contract/labels';
import { stars } from '../../utils/format';
import './index.scss';

export type PublicCard = Omit<Card, 'joinedPartyOn'>;

function Row({ label, children }: { label: string; children: string }) {
  return (
    <View className='rp-row'>
      <Text className='rp-row__label'>{label}</Text>
      <Text className='rp-row__value'>{children}</Text>
    </View>
  );
}

export function CardHead({ card }: { card: PublicCard }) {
  return (
    <View className='rp-card-head'>
      <Text className='rp-card-head__name'>{card.name}</Text>
      <Text className='rp-card-head__type'>{MEMBER_TYPE_LABELS[card.memberType]}</Text>
      <Text className='rp-card-head__branch'>{card.branchName}</Text>
      {card.posts.map((p) => (
        <Text key={`${p.kind}-${p.title}`} className='rp-card-head__post'>
          {POST_KIND_LABELS[p.kind]} · {p.title}
        </Text>
      ))}
    </View>
  );
}

export function CardView({ card }: { card: PublicCard }) {
  return (
    <View className='rp-section rp-card'>
      <CardHead card={card} />
      <View className='rp-card__rows'>
        <Row label='园区'>{card.parkName || '—'}</Row>
        {card.partyYears !== null && <Row label='党龄'>{`${card.partyYears} 年`}</Row>}
        {card.responsibilityArea && <Row label='责任区'>{card.responsibilityArea}</Row>}
        {card.pledge && <Row label='公开承诺'>{card.pledge.content}</Row>}
        {card.volunteerStars !== null && <Row label='志愿星级'>{stars(card.volunteerStars)}</Row>}
      </View>
    </View>
  );
}
