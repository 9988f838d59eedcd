import { useState } from 'react';
import { api, errorMessage } from '../api';
import { Modal } from '../common/Modal';

/** Offered once on an empty data file: a working sample office, or a clean start. */
export function FirstRunDialog(props: { onDone: (loaded: boolean) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
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
  return (
    <Modal
      title="欢迎使用台账督办助手"
      onClose={() => props.onDone(false)}
      width={520}
      footer={
        <>
          <button onClick={() => props.onDone(false)} disabled={busy}>
            从空白开始
          </button>
          <button className="primary" onClick={() => void load()} disabled={busy}>
            {busy ? '正在载入…' : '载入示例数据'}
          </button>
        </>
      }
    >
      <p>这是一个新的数据文件，里面还没有单位和人员。</p>
      <p>
        “载入示例数据”会建立一个示例单位：局党委、教育整顿领导小组及其 6 个专项工作组、30 个部门和 360 名人员，便于熟悉程序；也可以从空白开始，自行建立组织架构和花名册。
      </p>
      {error && <div className="form-error">{error}</div>}
    </Modal>
  );
}
