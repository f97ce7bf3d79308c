// The park at a glance (park.overview): 企业党组织覆盖率 in big figures, then the head counts.
import { Text, View } from '@tarojs/components';
import type { ActionOutput } from '@shared/contract';
import { percent } from '../../common/area';

export type Overview = ActionOutput<'org', 'park.overview'>;

function Figure({ label, value, unit, className }: { label: string; value: number; unit: string; className: string }) {
  return (
    <View className={`overview-figure ${className}`}>
      <Text className='overview-figure__value'>
        {value}
        <Text className='overview-figure__unit'>{unit}</Text>
      </Text>
      <Text className='overview-figure__label'>{label}</Text>
    </View>
  );
}

export function ParkOverview({ o }: { o: Overview }) {
  const uncovered = o.enterprises - o.coveredEnterprises;
  return (
    <View className='rp-section park-overview'>
      <Text className='rp-title'>{o.park.name || '本园区'}</Text>
      <View className='overview-coverage'>
        <Text className='overview-coverage__label'>企业党组织覆盖率</Text>
        <Text className='park-coverage'>{percent(o.coverageRate)}</Text>
        <Text className='rp-muted'>
          {o.enterprises} 家企业中 {o.coveredEnterprises} 家已有支部覆盖{uncovered > 0 ? `，还有 ${uncovered} 家未覆盖` : ''}
        </Text>
      </View>
      <View className='overview-figures'>
        <Figure className='overview-enterprises' label='企业' value={o.enterprises} unit='家' />
        <Figure className='overview-branches' label='支部' value={o.branches} unit='个' />
        <Figure className='overview-people' label={`人员（党员 ${o.members}）`} value={o.people} unit='人' />
        <Figure className='overview-bound' label='已绑定微信' value={o.bound} unit='人' />
      </View>
    </View>
  );
}
