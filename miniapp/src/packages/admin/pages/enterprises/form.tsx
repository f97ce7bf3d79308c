// Create or edit an enterprise: name, industry, number of employees (the last two may stay empty).
import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { Enterprise } from '@shared/contract';
import { call } from '../../../../services/api';
import { validate } from '../../../../services/validate';
import { ErrorLines, Field } from '../../../ui';
import { digits, useSubmit } from '../../../ui/form';

export function EnterpriseForm({ enterprise, onDone, onCancel }: { enterprise?: Enterprise; onDone: (e: Enterprise) => void; onCancel: () => void }) {
  const [name, setName] = useState(enterprise?.name ?? '');
  const [industry, setIndustry] = useState(enterprise?.industry ?? '');
  const [employees, setEmployees] = useState(enterprise?.employees === null || enterprise?.employees === undefined ? '' : String(enterprise.employees));
  const { busy, error, submit } = useSubmit();

  const values = { name, industry: industry.trim() || null, employees: employees ? Number(employees) : null };
  const save = async () => {
    if (enterprise) {
      const input = {
        enterpriseId: enterprise.id,
        ...(name.trim() !== enterprise.name ? { name } : {}),
        ...(values.industry !== enterprise.industry ? { industry: values.industry } : {}),
        ...(values.employees !== enterprise.employees ? { employees: values.employees } : {}),
      };
      const problem = Object.keys(input).length === 1 ? '没有修改任何内容' : validate('org', 'enterprises.update', input);
      const r = await submit(problem, () => call('org', 'enterprises.update', input));
      if (r) onDone(r.enterprise);
    } else {
      const r = await submit(validate('org', 'enterprises.create', values), () => call('org', 'enterprises.create', values));
      if (r) onDone(r.enterprise);
    }
  };

  return (
    <View className='rp-section adm-form enterprise-form'>
      <Text className='rp-title'>{enterprise ? `修改“${enterprise.name}”` : '添加企业'}</Text>
      <Field label='企业名称'>
        <Input className='rp-input enterprise-form__name' value={name} maxlength={60} placeholder='企业全称' onInput={(e) => setName(e.detail.value)} />
      </Field>
      <Field label='行业' hint='可不填，例如“装备制造”'>
        <Input className='rp-input enterprise-form__industry' value={industry} maxlength={20} placeholder='可不填' onInput={(e) => setIndustry(e.detail.value)} />
      </Field>
      <Field label='职工人数' hint='可不填'>
        <Input
          className='rp-input enterprise-form__employees'
          type='number'
          value={employees}
          maxlength={7}
          placeholder='可不填'
          onInput={(e) => {
            const d = digits(e.detail.value, 7);
            setEmployees(d);
            return d;
          }}
        />
      </Field>
      <ErrorLines error={error} />
      <View className='rp-row-actions'>
        <Button className='rp-btn rp-btn--ghost enterprise-form__cancel' disabled={busy || undefined} onClick={onCancel}>
          取消
        </Button>
        <Button className='rp-btn enterprise-form__save' disabled={busy || undefined} onClick={save}>
          {busy ? '正在保存…' : enterprise ? '保存修改' : '添加'}
        </Button>
      </View>
    </View>
  );
}
