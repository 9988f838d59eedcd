import { useState } from 'react';
import { api, errorMessage } from '../api';
import { Modal } from '../common/Modal';

/** Browser mode has no native file dialog: the path is typed. (The desktop app uses the dialog.) */
export function DataFileDialog(props: { currentPath: string; onClose: () => void; onOpened: () => void }) {
  const [path, setPath] = useState(props.currentPath);
  const [error, setError] = useState<string | null>(null);
  const open = async (create: boolean) => {
    try {
      await api.app.openDataFile({ path, create });
      props.onOpened();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Modal
      title="打开/新建数据文件"
      onClose={props.onClose}
      width={560}
      footer={
        <>
          <button onClick={props.onClose}>取消</button>
          <button onClick={() => void open(true)}>新建</button>
          <button className="primary" onClick={() => void open(false)}>
            打开
          </button>
        </>
      }
    >
      <label className="field">
        <span>数据文件路径</span>
        <input value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} aria-label="数据文件路径" />
      </label>
      {error && <div className="form-error">{error}</div>}
    </Modal>
  );
}
