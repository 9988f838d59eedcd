import { useState } from 'react';
import { api, errorMessage } from '../api';
import { Modal } from '../common/Modal';
import { OfficeFields, type OfficeDraft } from './OfficeFields';

/**
 * Offered once on an empty data file: a working sample office, or a clean start — which
 * first asks who the office is (本单位: its name on every form, its level, its place in the
 * tree), since every export and bulletin is signed with it.
 */
export function FirstRunDialog(props: { onDone: (loaded: boolean) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [step, setStep] = useState<'choose' | 'office'>('choose');
  const [draft, setDraft] = useState<OfficeDraft>({ name: '', level: null, place: { kind: 'new', parentId: null } });
  const load = async () => {
    setBusy(true);
    try {
      await api.app.loadDemo({});
      props.onDone(true);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  const saveOffice = async () => {
    if (!draft.name.trim()) return setError('请填写本单位名称');
    setBusy(true);
    try {
      await api.app.setOffice({ name: draft.name.trim(), level: draft.level, place: draft.place });
      props.onDone(false);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  if (step === 'office') {
    return (
      <Modal
        title="本单位"
        onClose={() => props.onDone(false)}
        width={560}
        footer={
          <>
            <button onClick={() => (setStep('choose'), setError(null))} disabled={busy}>
              返回
            </button>
            {/* declined, the question comes back on the next start (本单位设置 has it meanwhile) */}
            <button onClick={() => props.onDone(false)} disabled={busy}>
              稍后设置
            </button>
            <button className="primary" onClick={() => void saveOffice()} disabled={busy}>
              {busy ? '正在保存…' : '开始使用'}
            </button>
          </>
        }
      >
        <p className="muted">先说明本单位是谁：名称会作为“填报单位”印在每一份导出的报表和通报上。以后可在“本单位设置”中修改。</p>
        <OfficeFields draft={draft} units={[]} onChange={(d) => (setDraft(d), setError(null))} />
        {error && (
          <div className="form-error" role="alert">
            {error}
          </div>
        )}
      </Modal>
    );
  }
  return (
    <Modal
      title="欢迎使用台账督办助手"
      onClose={() => props.onDone(false)}
      width={520}
      footer={
        <>
          <button onClick={() => setStep('office')} disabled={busy}>
            从空白开始…
          </button>
          <button className="primary" onClick={() => void load()} disabled={busy}>
            {busy ? '正在载入…' : '载入示例数据'}
          </button>
        </>
      }
    >
      <p>这是一个新的数据文件，里面还没有单位和人员。</p>
      <p>
        “载入示例数据”会建立一个示例单位：局党委、教育整顿领导小组及其 6 个专项工作组、30 个部门和 360 名人员，便于熟悉程序；也可以从空白开始，先填写本单位，再自行建立组织架构和花名册。
      </p>
      {error && <div className="form-error">{error}</div>}
    </Modal>
  );
}
