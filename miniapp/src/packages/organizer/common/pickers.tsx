/**
 * Date and time chosen with the platform's pickers (Taro Picker mode=date / mode=time), never typed:
 * the face looks like a field and shows the choice in words ("12月5日 周六", "9:00"); a tap opens the
 * wheel. Values are China wall times as the contract takes them ("2026-12-05", "09:00").
 */
import { Picker, Text, View } from '@tarojs/components';
import { monthDayLabel } from '@shared/time';

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** "2026年12月5日 周六" from "2026-12-05" (the year only when it is not `thisYear`). */
export function dateFace(date: string, thisYear?: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const weekday = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];
  const year = date.slice(0, 4);
  return `${thisYear && year === thisYear ? '' : `${year}年`}${monthDayLabel(date)} ${weekday}`;
}

/** "9:00" from "09:00". */
export const timeFace = (time: string): string => (/^\d{2}:\d{2}$/.test(time) ? `${Number(time.slice(0, 2))}:${time.slice(3)}` : time);

interface DateProps {
  value: string;
  onChange: (date: string) => void;
  /** The earliest day offered ("YYYY-MM-DD"). */
  start?: string;
  className?: string;
  thisYear?: string;
}

export function DatePick({ value, onChange, start, className = '', thisYear }: DateProps) {
  return (
    <Picker mode='date' value={value} start={start} textProps={{ okText: '确定', cancelText: '取消' }} onChange={(e) => onChange(String(e.detail.value))}>
      <View className={`og-pick ${className}`}>
        <Text>{value ? dateFace(value, thisYear) : '选择日期'}</Text>
        <Text className='og-pick__arrow'>▾</Text>
      </View>
    </Picker>
  );
}

interface TimeProps {
  value: string;
  onChange: (time: string) => void;
  className?: string;
  /** Shown after the time, e.g. 次日 for a shift that ends the next day. */
  suffix?: string;
}

export function TimePick({ value, onChange, className = '', suffix }: TimeProps) {
  return (
    <Picker mode='time' value={value} textProps={{ okText: '确定', cancelText: '取消' }} onChange={(e) => onChange(String(e.detail.value))}>
      <View className={`og-pick ${className}`}>
        <Text>
          {suffix ? `${suffix} ` : ''}
          {value ? timeFace(value) : '选择时间'}
        </Text>
        <Text className='og-pick__arrow'>▾</Text>
      </View>
    </Picker>
  );
}
