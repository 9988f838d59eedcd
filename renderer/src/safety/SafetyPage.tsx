import { useCallback, useEffect, useState } from 'react';
import type { BackupFile, BackupStatus } from '../../../shared/contract/backup';
import { PasswordErrorCode } from '../../../shared/contract/lock';
import { ApiError } from '../../../shared/contract/define';
import { api, errorMessage } from '../api';
import { ConfirmDialog, FormDialog } from '../common/Modal';
import { useStatus } from '../common/status';
import { localTime } from '../common/format';
import { host } from '../api';
import { EncryptionNote } from '../lock/EncryptionNote';

/** A backup as the office calls it (its file name is the program's business, shown only on hover). */
function kindOf(b: BackupFile): string {
  if (b.kind === 'daily') return '每日自动备份';
  if (b.kind === 'weekly') return '每周自动备份';
  const name = b.file.split(/[\\/]/).pop() ?? '';
  if (name.includes('before-restore')) return '恢复前自动保留';
  if (name.includes('before-migration')) return '升级前自动保留';
  return '手动备份';
}

function size(bytes: number): string {
  return bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** 数据安全: where the backups are, a backup now, a second folder, restore from a backup. */
export function SafetyPage(props: { onRestored: () => void }) {
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [extra, setExtra] = useState('');
  /** `password`: the backup's own, when it is not the data file's password now */
  const [confirm, setConfirm] = useState<{ file: string; people: number; password?: string } | null>(null);
  /** an encrypted backup the current password does not open: its own password is asked for */
  const [askPassword, setAskPassword] = useState<string | null>(null);
  const [backupPassword, setBackupPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const { notify } = useStatus();

  const load = useCallback(async () => {
    const s = await api.backup.status({});
    setStatus(s);
    setExtra(s.extraDir ?? '');
  }, []);
  useEffect(() => void load().catch((e) => notify(errorMessage(e), 'error')), [load, notify]);

  /** `working`: said in the status bar while it runs (a copy of a large file takes a few seconds) */
  const run = async (what: () => Promise<string>, working?: string) => {
    setBusy(true);
    if (working) notify(working, 'info');
    try {
      const message = await what();
      // the list is reloaded before the outcome is told, so what the message says is already on screen
      await load();
      notify(message, 'success');
    } catch (err) {
      notify(errorMessage(err), 'error');
    } finally {
      setBusy(false);
    }
  };

  const askRestore = async (file: string) => {
    try {
      const v = await api.backup.verify({ path: file });
      setConfirm({ file, people: v.people });
    } catch (err) {
      // made before the password was changed (or removed): it opens with the password of that time
      if (err instanceof ApiError && (err.code === PasswordErrorCode.wrong || err.code === PasswordErrorCode.required)) {
        setBackupPassword('');
        setAskPassword(file);
        return;
      }
      notify(`不能用这个文件恢复：${errorMessage(err)}`, 'error');
    }
  };

  /** Checks the backup with the password typed for it; a wrong one is said inside the dialog. */
  const verifyWithPassword = async (file: string) => {
    if (!backupPassword) throw new Error('请输入这个备份的密码');
    try {
      const v = await api.backup.verify({ path: file, password: backupPassword });
      setAskPassword(null);
      setConfirm({ file, people: v.people, password: backupPassword });
    } catch (err) {
      if (err instanceof ApiError && err.code === PasswordErrorCode.wrong) throw new Error('密码不对，打不开这个备份。请输入做这个备份时数据文件所用的密码。', { cause: err });
      throw err;
    }
  };

  if (!status) return <div className="page">正在读取备份信息…</div>;
  return (
    <div className="page safety-page">
      <div className="toolbar">
        <h1>数据安全</h1>
        <button className="primary" disabled={busy} onClick={() => void run(async () => `已备份到：${(await api.backup.now({})).out}`, '正在备份整个数据文件，请稍候…')}>
          立即备份
        </button>
        {host && (
          <button
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const target = await host!.pickSavePath(`台账数据备份-${new Date().toISOString().slice(0, 10)}.db`, '台账督办助手数据文件', ['db']);
                if (!target) return '已取消';
                return `已备份到：${(await api.backup.now({ path: target })).out}`;
              })
            }
          >
            备份到文件…
          </button>
        )}
        <span className="spacer" />
      </div>
      <div className="safety-body">
        <section className="card">
          <h2>自动备份</h2>
          <p>
            每次启动程序时（在写入任何数据之前）以及每个使用日，程序自动把全部数据完整复制一份（复制时照常使用，不受影响），保留最近 {status.keepDaily} 个日备份和 {status.keepWeekly} 个周备份。
          </p>
          <EncryptionNote />
          <dl className="props wide">
            <dt>备份文件夹</dt>
            <dd data-testid="backup-dir">{status.dir}</dd>
            <dt>第二备份文件夹</dt>
            <dd>
              <div className="inline-form">
                <input aria-label="第二备份文件夹" placeholder="例如 U 盘上的文件夹：E:\台账备份" value={extra} onChange={(e) => setExtra(e.target.value)} />
                <button disabled={busy} onClick={() => void run(async () => (await api.backup.setExtraDir({ dir: extra.trim() || null })).extraDir ? '已设置第二备份文件夹' : '已取消第二备份文件夹')}>
                  保存
                </button>
              </div>
            </dd>
          </dl>
        </section>
        <section className="card grow">
          <h2>备份文件</h2>
          {status.backups.length === 0 ? (
            <div className="empty">还没有备份。</div>
          ) : (
            <table className="history" data-testid="backup-list">
              <thead>
                <tr>
                  <th>时间</th>
                  <th>类型</th>
                  <th>大小</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {status.backups.map((b) => (
                  <tr key={b.file} title={`备份文件位置：${b.file}`}>
                    <td>{localTime(b.modified)}</td>
                    <td>{kindOf(b)}</td>
                    <td>{size(b.size)}</td>
                    <td>
                      <button disabled={busy} onClick={() => void askRestore(b.file)}>
                        从此备份恢复…
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
      {askPassword && (
        <FormDialog title="输入这个备份的密码" submitLabel="检查备份" onClose={() => setAskPassword(null)} onSubmit={() => verifyWithPassword(askPassword)}>
          <p>这个备份是加密的，用现在的密码打不开：它可能是更改或取消密码之前做的。请输入做这个备份时数据文件所用的密码。</p>
          <input type="password" aria-label="备份的密码" autoComplete="off" autoFocus value={backupPassword} onChange={(e) => setBackupPassword(e.target.value)} />
        </FormDialog>
      )}
      {confirm && (
        <ConfirmDialog
          title="从备份恢复"
          danger
          confirmLabel="恢复"
          message={
            <>
              <p>用这个备份替换当前的数据文件？备份已检查无误，其中有 {confirm.people} 名人员。</p>
              <p>恢复前会先把当前数据文件备份一份，不会丢失。</p>
              {confirm.password && <p>恢复后的数据文件使用现在的密码（或现在的不加密设置），不再使用这个备份当时的密码。</p>}
            </>
          }
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            const { file, password } = confirm;
            setConfirm(null);
            setBackupPassword('');
            void run(async () => {
              const r = await api.backup.restore({ path: file, ...(password ? { password } : {}) });
              props.onRestored();
              return `已恢复；恢复前的数据已备份到：${r.backupOfPrevious}`;
            }, '正在恢复：先备份当前数据，再换上所选的备份，请稍候…');
          }}
        />
      )}
    </div>
  );
}
