/**
 * <StarPicker>: 1–5 stars as five big tap targets (★ on, ☆ off), for the volunteer rating an activity
 * and the organizer rating a volunteer. Shared by the volunteer and organizer subpackages.
 */
import { Text, View } from '@tarojs/components';
import './stars.scss';

export const STAR_WORDS = ['', '很差', '较差', '一般', '较好', '很好'];

export function StarPicker({ value, onChange, className }: { value: number; onChange: (n: number) => void; className?: string }) {
  return (
    <View className={`rp-stars${className ? ` ${className}` : ''}`}>
      {[1, 2, 3, 4, 5].map((n) => (
        <Text key={n} className={`rp-stars__star${n <= value ? ' rp-stars__star--on' : ''} rp-stars__star-${n}`} onClick={() => onChange(n)}>
          {n <= value ? '★' : '☆'}
        </Text>
      ))}
      <Text className='rp-stars__word'>{value ? STAR_WORDS[value] : '请点星打分'}</Text>
    </View>
  );
}
