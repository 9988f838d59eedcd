import { useState } from 'react';
import { Modal } from '../common/Modal';

/** The file the recovery key needs beside the data file (electron/backend/lock/recovery-file.ts). */
export const RECOVERY_FILE_NAME = 'ledgerdesk-recovery.json';

/**
 * The recovery key, shown once, right after the first password is set: to print or copy by
 * hand and keep away from the computer. The dialog stays until the user says it is kept.
 */
export function RecoveryKeySheet(props: { recoveryKey: string; dbPath: string; onDone: () => void }) {
  const [kept, setKept] = useState(false);
  const groups = props.recoveryKey.split('-');
  const folder = props.dbPath.replace(/[\\/][^\\/]*$/, '');
  return (
    <Modal
      title="请保存恢复密钥"
      onClose={() => kept && props.onDone()}
      width={560}
      footer={
        <>
          <button onClick={() => window.print()}>打印</button>
          <button className="primary" disabled={!kept} onClick={props.onDone}>
            完成
          </button>
        </>
      }
    >
      <div className="recovery-sheet recovery-print" data-testid="recovery-sheet">
        <h2 className="recovery-print-only">台账督办助手 · 恢复密钥</h2>
        <p className="recovery-lead">忘记密码时，只有这串数字能打开数据文件。它只显示这一次，关闭后无法再次查看。</p>
        <div className="recovery-key" aria-label="恢复密钥">
          {groups.map((g, i) => (
            <span key={i}>{g}</span>
          ))}
        </div>
        <ul className="recovery-notes">
          <li>请打印或抄写下来，与电脑分开存放（例如锁在文件柜里）；不要存在这台电脑上。</li>
          <li>
            使用恢复密钥时，还需要数据文件旁的“{RECOVERY_FILE_NAME}”（在 {folder} 中，备份文件夹中也各有一份）。复制数据文件到别处时请一并复制它。
          </li>
          <li>密码和恢复密钥都丢失时，加密的数据文件和备份无法找回，任何人（包括软件开发者）都无法打开。</li>
        </ul>
        <p className="recovery-print-only">数据文件：{props.dbPath}</p>
      </div>
      <label className="recovery-kept">
        <input type="checkbox" checked={kept} onChange={(e) => setKept(e.target.checked)} /> 我已打印或抄下恢复密钥，并妥善保管
      </label>
    </Modal>
  );
}
