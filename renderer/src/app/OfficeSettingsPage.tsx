import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/contract/app';
import type { Unit } from '../../../shared/domain/units';
import { api, errorMessage } from '../api';
import { useStatus } from '../common/status';
import { OfficeFields, type OfficeDraft } from './OfficeFields';

/** 本单位设置: the office's name (every form's 填报单位), level and place in the tree, editable at any time. */
export function OfficeSettingsPage(props: { info: AppInfo; onSaved: () => void }) {
  const { notify } = useStatus();
  const [units, setUnits] = useState<Unit[]>([]);
  const [draft, setDraft] = useState<OfficeDraft>(() => ({
    name: props.info.officeName,
    level: props.info.officeLevel,
    place: props.info.officeUnitId !== null ? { kind: 'existing', unitId: props.info.officeUnitId } : { kind: 'none' },
  }));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => void api.units.list({}).then(setUnits, () => {}), []);
  const save = async () => {
    if (!draft.name.trim()) return setError('请填写本单位名称');
    setBusy(true);
    try {
      const info = await api.app.setOffice({ name: draft.name.trim(), level: draft.level, place: draft.place });
      setDraft((d) => ({ ...d, place: info.officeUnitId !== null ? { kind: 'existing', unitId: info.officeUnitId } : { kind: 'none' } }));
      setUnits(await api.units.list({}));
      setError(null);
      notify('本单位设置已保存', 'success');
      props.onSaved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="page office-page">
      <div className="toolbar">
        <h1>本单位设置</h1>
      </div>
      <div className="card office-card">
        <OfficeFields draft={draft} units={units} onChange={(d) => (setDraft(d), setError(null))} />
        {error && (
          <div className="form-error" role="alert">
            {error}
          </div>
        )}
        <div className="toolbar">
          <button className="primary" onClick={() => void save()} disabled={busy}>
            保存
          </button>
        </div>
      </div>
    </div>
  );
}
