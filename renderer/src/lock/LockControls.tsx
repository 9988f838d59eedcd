import { useState } from 'react';
import { LOCK_DEFAULT_IDLE_MINUTES, LOCK_MIN_LENGTH, type LockStatus } from '../../../shared/contract/lock';
import { api, errorMessage } from '../api';
import { Modal } from '../common/Modal';
import { useStatus } from '../common/status';
import { useLock } from './LockGate';

/** The top bar's entry: 锁定 (when a password is set) and the password settings. */
export function LockControls() {
  const { status, lockNow, update } = useLock();
  const [dialog, setDialog] = useState(false);
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
              update(s);
              setDialog(false);
            }}
          />
        </div>
      )}
    </>
  );
}

/** Set, change or clear the password, and the idle minutes. */
export function LockSettingsDialog(props: { status: LockStatus; onClose: () => void; onSaved: (s: LockStatus) => void }) {
  const { enabled } = props.status;
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [minutes, setMinutes] = useState(String(enabled ? props.status.idleMinutes : LOCK_DEFAULT_IDLE_MINUTES));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { notify } = useStatus();

  const run = async (work: () => Promise<LockStatus>, done: (s: LockStatus) => string) => {
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
        `${enabled ? (password ? '已更改密码' : '已保存锁定设置') : '已设置密码'}：` +
        (s.idleMinutes > 0 ? `启动时和空闲 ${s.idleMinutes} 分钟后需输入密码` : '启动时需输入密码，空闲不自动锁定'),
    );
  };
  const clear = () => {
    if (!current) return setError('清除密码前请输入当前密码');
    void run(() => api.lock.clear({ current }), () => '已清除密码，程序不再锁定');
  };

  return (
    <Modal
      title={enabled ? '密码与锁定' : '设置密码'}
      onClose={props.onClose}
      width={420}
      footer={
        <>
          {enabled && (
            <button className="danger-text" disabled={busy} onClick={clear} style={{ marginRight: 'auto' }}>
              清除密码
            </button>
          )}
          <button onClick={props.onClose}>取消</button>
          <button className="primary" disabled={busy} onClick={save}>
            {enabled ? '保存' : '设置密码'}
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
        <p className="lock-note">
          设置后，每次打开程序都要先输入密码；离开电脑一段时间不操作，程序也会自动锁定。密码以加盐的慢哈希保存，无法从数据文件中读出。请牢记密码。
        </p>
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
