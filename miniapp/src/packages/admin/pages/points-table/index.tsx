// 园区管理 · 积分: the points table (积分规则, table.get / table.update with the loaded version) and the
// ranking settings (settings.get / settings.update). Pull-to-refresh reloads both (and starts the
// editors afresh from what is saved).
import { useState } from 'react';
import type { ActionOutput, ApiReply } from '@shared/contract';
import { AdminFrame } from '../../common/frame';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { ADMIN } from '../../common/area';
import { SettingsEditor } from './settings';
import { type TableData, TableEditor } from './table';
import './index.scss';

type Loaded = { table: TableData; settings: ActionOutput<'score', 'settings.get'> };

async function load(): Promise<ApiReply<Loaded>> {
  const [t, s] = await Promise.all([call('score', 'table.get', {}), call('score', 'settings.get', {})]);
  if (!t.ok) return t;
  if (!s.ok) return s;
  return { ok: true, data: { table: t.data, settings: s.data } };
}

export default function PointsTablePage() {
  const { state, reload } = useRemote(load);
  // Each load remounts the editors with what the server has.
  const [round, setRound] = useState(0);
  const refresh = async () => {
    await reload();
    setRound((n) => n + 1);
  };
  return (
    <AdminFrame current={ADMIN.pointsTable} state={state} reload={refresh}>
      {() =>
        state.status === 'ok' && (
          <>
            <TableEditor key={`t${round}`} initial={state.data.table} />
            <SettingsEditor key={`s${round}`} initial={state.data.settings} />
          </>
        )
      }
    </AdminFrame>
  );
}
