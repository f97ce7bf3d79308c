/**
 * Date and time chosen with the platform's pickers (Taro Picker mode=date / mode=time), never typed:
 * the face looks like a field and shows the choice in words ("12月5日 周六", "9:00"); a tap opens the
 * wheel. Values are China wall times as the contract takes them ("2026-12-05", "09:00"). Shared by every
 * form with a date or a time (organizer, secretary: meetings, topics, people); `start` / `end` keep the
 * wheel to the days that make sense (e.g. not before today for a meeting, not after today for 入党日期),
 * and the function checks the same in China time.
 */
import { Picker, Text, View } from '@tarojs/components';
import { monthDayLabel } from '@shared/time';
import './index.scss';

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
  /** The latest day offered ("YYYY-MM-DD"). */
  end?: string;
  className?: string;
  thisYear?: string;
  /** What the face says while nothing is chosen. */
  placeholder?: string;
}

export function DatePick({ value, onChange, start, end, className = '', thisYear, placeholder = '选择日期' }: DateProps) {
  return (
    <Picker mode='date' value={value || end || start || ''} start={start} end={end} textProps={{ okText: '确定', cancelText: '取消' }} onChange={(e) => onChange(String(e.detail.value))}>
      <View className={`rp-pick ${className}`}>
        <Text className={value ? '' : 'rp-pick__empty'}>{value ? dateFace(value, thisYear) : placeholder}</Text>
        <Text className='rp-pick__arrow'>▾</Text>
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
      <View className={`rp-pick ${className}`}>
        <Text>
          {suffix ? `${suffix} ` : ''}
          {value ? timeFace(value) : '选择时间'}
        </Text>
        <Text className='rp-pick__arrow'>▾</Text>
      </View>
    </Picker>
  );
}

/** A start and an end time side by side ("开始 14:30", "结束 16:30"); one under the other in 大字模式. */
export function TimeRangePick(props: { start: string; end: string; onStart: (t: string) => void; onEnd: (t: string) => void; className?: string }) {
  return (
    <View className={`rp-pick-row ${props.className ?? ''}`}>
      <View className='rp-pick-row__cell'>
        <Text className='rp-pick-row__label'>开始</Text>
        <TimePick className='rp-pick--start' value={props.start} onChange={props.onStart} />
      </View>
      <View className='rp-pick-row__cell'>
        <Text className='rp-pick-row__label'>结束</Text>
        <TimePick className='rp-pick--end' value={props.end} onChange={props.onEnd} />
      </View>
    </View>
  );
}

/** "2026年12月" from "2026-12". */
export const monthFace = (month: string): string => (/^\d{4}-\d{2}$/.test(month) ? `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月` : month);

/** A month ("2026-12") on the platform's month wheel (Picker mode=date, fields=month). */
export function MonthPick({ value, onChange, start, className = '' }: { value: string; onChange: (month: string) => void; start?: string; className?: string }) {
  return (
    <Picker mode='date' fields='month' value={value || start || ''} start={start} textProps={{ okText: '确定', cancelText: '取消' }} onChange={(e) => onChange(String(e.detail.value).slice(0, 7))}>
      <View className={`rp-pick ${className}`}>
        <Text className={value ? '' : 'rp-pick__empty'}>{value ? monthFace(value) : '选择月份'}</Text>
        <Text className='rp-pick__arrow'>▾</Text>
      </View>
    </Picker>
  );
}
