import { useState } from 'react';
import { LOCK_DEFAULT_IDLE_MINUTES, LOCK_MIN_LENGTH, type LockStatus, type PasswordSaved } from '../../../shared/contract/lock';
import { api, errorMessage } from '../api';
import { Modal } from '../common/Modal';
import { useStatus } from '../common/status';
import { useLock } from './LockGate';
import { RecoveryKeySheet } from './RecoveryKeySheet';

/** The top bar's entry: 锁定 (when a password is set) and the password settings. */
export function LockControls() {
  const { status, lockNow, update } = useLock();
  const [dialog, setDialog] = useState(false);
  const [recovery, setRecovery] = useState<{ key: string; dbPath: string } | null>(null);
  if (!status) return null;
  return (
    <>
      {status.enabled && (
        <button className="ghost" title="立即锁定程序，需输入密码才能继续" onClick={() => void lockNow()}>
          锁定
        </button>
      )}
      <button className="ghost" onClick={() => setDialog(true)}>
        {status.enabled ? '密码与锁定…' : '设置密码…'}
      </button>
      {dialog && !status.locked && (
        // the dialog sits in the top bar's DOM (so it goes inert with the program when locked)
        // but must not inherit the bar's white text
        <div className="lock-dialog-host">
          <LockSettingsDialog
            status={status}
            onClose={() => setDialog(false)}
            onSaved={(s) => {
              // the recovery key goes to the sheet only, not into the lock's state
              update({ enabled: s.enabled, locked: s.locked, idleMinutes: s.idleMinutes, encrypted: s.encrypted });
              setDialog(false);
              if ('recoveryKey' in s && s.recoveryKey) {
                const key = s.recoveryKey;
                api.app.info({}).then(
                  (i) => setRecovery({ key, dbPath: i.dbPath }),
                  () => setRecovery({ key, dbPath: '' }),
                );
              }
            }}
          />
        </div>
      )}
      {recovery && (
        <div className="lock-dialog-host">
          <RecoveryKeySheet recoveryKey={recovery.key} dbPath={recovery.dbPath} onDone={() => setRecovery(null)} />
        </div>
      )}
    </>
  );
}

/** Set, change or clear the password, and the idle minutes. */
export function LockSettingsDialog(props: { status: LockStatus; onClose: () => void; onSaved: (s: LockStatus | PasswordSaved) => void }) {
  const { enabled, encrypted } = props.status;
  const [confirmClear, setConfirmClear] = useState(false);
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [minutes, setMinutes] = useState(String(enabled ? props.status.idleMinutes : LOCK_DEFAULT_IDLE_MINUTES));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { notify } = useStatus();

  const run = async <S extends LockStatus>(work: () => Promise<S>, done: (s: S) => string) => {
    setBusy(true);
    setError(null);
    try {
      const s = await work();
      notify(done(s), 'success');
      props.onSaved(s);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  const idle = minutes.trim() === '' ? NaN : Number(minutes);
  const save = () => {
    if (!enabled && !password) return setError('请输入要设置的密码');
    if (password !== again) return setError('两次输入的新密码不一致');
    if (enabled && !current) return setError('请输入当前密码');
    void run(
      () => api.lock.setPassword({ current: enabled ? current : undefined, password: password || undefined, idleMinutes: idle }),
      (s) =>
        `${enabled ? (password ? '已更改密码' : s.encrypted && !encrypted ? '已加密数据文件' : '已保存锁定设置') : '已设置密码，数据文件已加密'}：` +
        (s.idleMinutes > 0 ? `启动时和空闲 ${s.idleMinutes} 分钟后需输入密码` : '启动时需输入密码，空闲不自动锁定'),
    );
  };
  const newKey = () => {
    if (!current) return setError('更换恢复密钥前请输入当前密码');
    void run(
      async () => ({ ...props.status, recoveryKey: (await api.lock.newRecoveryKey({ current })).recoveryKey }),
      () => '已更换恢复密钥：旧的恢复密钥仍能打开以前的备份，如担心它落入他人之手，请同时更换密码',
    );
  };
  const clear = () => {
    if (!current) return setError('清除密码前请输入当前密码');
    if (!confirmClear) return setConfirmClear(true);
    void run(() => api.lock.clear({ current }), () => '已清除密码：数据文件已恢复为不加密，程序不再锁定');
  };

  return (
    <Modal
      title={enabled ? '密码与锁定' : '设置密码'}
      onClose={props.onClose}
      width={420}
      footer={
        <>
          {enabled && (
            <button className="danger-text" disabled={busy} onClick={clear}>
              {confirmClear ? '确认清除密码' : '清除密码'}
            </button>
          )}
          {enabled && encrypted && (
            <button disabled={busy} onClick={newKey} title="恢复密钥丢失或没有保存时：生成新的恢复密钥（需当前密码）">
              更换恢复密钥…
            </button>
          )}
          <span style={{ marginRight: 'auto' }} />
          <button onClick={props.onClose} disabled={busy}>
            取消
          </button>
          <button className="primary" disabled={busy} onClick={save}>
            {busy ? '正在处理…' : enabled ? '保存' : '设置密码'}
          </button>
        </>
      }
    >
      <form
        className="lock-settings"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <ul className="lock-facts">
          <li>
            每次打开程序都要先输入密码；离开电脑一段时间不操作，程序也会自动锁定。
          </li>
          <li>
            <b>数据文件和此后的每一份备份都会加密</b>：没有密码，复制走的文件也读不出内容。设置密码之前的旧备份不加密，附件文件（attachments 文件夹中）不加密。
          </li>
          <li>
            {enabled && encrypted ? '设置密码时给出的恢复密钥仍然有效。' : '设置后会给出一个恢复密钥，请打印保存：忘记密码时凭它打开。'}
            密码和恢复密钥都丢失，数据就无法找回。
          </li>
          {enabled && !encrypted && (
            <li>
              <b>这个密码是旧版本设置的，数据文件还没有加密。</b>输入当前密码后点“保存”即可加密。
            </li>
          )}
        </ul>
        {enabled && (
          <label className="field">
            <span>当前密码</span>
            <input type="password" aria-label="当前密码" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
          </label>
        )}
        <label className="field">
          <span>{enabled ? '新密码（不修改可留空）' : `密码（至少 ${LOCK_MIN_LENGTH} 个字符）`}</span>
          <input type="password" aria-label={enabled ? '新密码' : '密码'} autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <label className="field">
          <span>再次输入{enabled ? '新' : ''}密码</span>
          <input type="password" aria-label="再次输入密码" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
        </label>
        <label className="field">
          <span>空闲多少分钟后自动锁定（0 表示不自动锁定）</span>
          <input type="number" min={0} max={480} step={1} aria-label="空闲锁定分钟" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        </label>
        {busy && (
          <div className="lock-busy" role="status">
            正在处理：设置、更改或清除密码时要把整个数据文件重写一遍，文件较大时需要几秒到几十秒，请稍候，不要关闭程序。
          </div>
        )}
        {confirmClear && !error && (
          <div className="form-error" role="alert">
            清除后数据文件将恢复为不加密，任何人复制走都能读出内容。确定请再点“确认清除密码”。
          </div>
        )}
        {error && (
          <div className="form-error" role="alert">
            {error}
          </div>
        )}
        <button type="submit" hidden />
      </form>
    </Modal>
  );
}
