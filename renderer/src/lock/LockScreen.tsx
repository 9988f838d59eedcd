import { useEffect, useRef, useState, type ReactNode } from 'react';
import { LOCK_MIN_LENGTH, type LockStatus } from '../../../shared/contract/lock';
import { ApiError } from '../../../shared/contract/define';
import { api, errorMessage } from '../api';
import { useStatus } from '../common/status';
import { RECOVERY_FILE_NAME } from './RecoveryKeySheet';

/**
 * The full-window lock screen: one password field, 解锁, and the reason when refused; and
 * 忘记密码？ — the recovery key, which opens the file and sets a new password.
 */
export function LockScreen(props: { status: LockStatus; onUnlocked: (s: LockStatus) => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [office, setOffice] = useState<string | null>(null);
  const [file, setFile] = useState<string | null>(null);
  const [forgot, setForgot] = useState(false);
  /** the password opened the file but it is damaged: the newest backup with that password is offered */
  const [damaged, setDamaged] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const { notify } = useStatus();

  useEffect(() => {
    input.current?.focus();
    // app.info is one of the methods a locked backend still answers (an encrypted file: no office name yet)
    api.app.info({}).then(
      (i) => {
        setOffice(i.officeName || null);
        setFile(i.dbPath.split(/[\\/]/).pop() ?? null);
      },
      () => undefined,
    );
  }, []);

  const unlock = async () => {
    if (busy) return;
    if (!password) {
      setError('请输入密码');
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const s = await api.lock.unlock({ password });
      setPassword('');
      props.onUnlocked(s);
    } catch (err) {
      setError(errorMessage(err));
      const isDamaged = err instanceof ApiError && err.code === 'DB_CORRUPT';
      setDamaged(isDamaged);
      // the password was right: it is kept for the restore
      if (!isDamaged) setPassword('');
      setBusy(false);
      setTimeout(() => input.current?.focus(), 0);
    }
  };

  const restoreBackup = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.lock.restoreNewestBackup({ password });
      setPassword('');
      setDamaged(false);
      if (r.restored) notify(`已从备份恢复：${r.restored}；损坏的数据文件已改名保留为：${r.damagedKeptAs}`, 'success');
      props.onUnlocked(r.status);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  const head = (
    <>
      <div className="lock-brand">台账督办助手</div>
      {office ? <div className="lock-office">{office}</div> : file && <div className="lock-file">数据文件：{file}</div>}
      <div className="lock-icon" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="34" height="34">
          <rect x="5" y="10.5" width="14" height="10" rx="1.6" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="M8.2 10.5V7.8a3.8 3.8 0 0 1 7.6 0v2.7" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <circle cx="12" cy="15.3" r="1.3" fill="currentColor" />
        </svg>
      </div>
    </>
  );

  return (
    <div className="lock-screen" role="dialog" aria-modal="true" aria-label="程序已锁定" data-testid="lock-screen">
      {forgot ? (
        <RecoverForm status={props.status} head={head} onBack={() => setForgot(false)} onUnlocked={props.onUnlocked} />
      ) : (
        <form
          className="lock-card"
          onSubmit={(e) => {
            e.preventDefault();
            void unlock();
          }}
        >
          {head}
          <h1 className="lock-title">程序已锁定</h1>
          <p className="lock-hint">{props.status.encrypted ? '数据文件已加密，请输入密码打开。' : '请输入密码继续使用。'}</p>
          <label className="field">
            <span>密码</span>
            <input
              ref={input}
              type="password"
              aria-label="密码"
              autoComplete="current-password"
              value={password}
              disabled={busy}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <div className="lock-error" role="alert" data-testid="lock-error">
            {error ?? ''}
          </div>
          {damaged && (
            <div className="lock-damaged">
              <p>可以用最近一份用这个密码加密的备份替换它；损坏的文件会改名保留，不会删除。备份之后的修改将不在恢复的文件中。</p>
              <button type="button" disabled={busy} onClick={() => void restoreBackup()}>
                从最新备份恢复
              </button>
            </div>
          )}
          <button type="submit" className="primary lock-submit" disabled={busy}>
            {busy ? '正在验证…' : '解锁'}
          </button>
          <button type="button" className="link lock-link" onClick={() => setForgot(true)}>
            忘记密码？
          </button>
          <p className="lock-foot">
            {props.status.idleMinutes > 0 ? `程序启动时和空闲 ${props.status.idleMinutes} 分钟后需要输入密码。` : '程序启动时需要输入密码。'}
          </p>
        </form>
      )}
    </div>
  );
}

/** 忘记密码: what to do, and the recovery key with a new password. */
function RecoverForm(props: { status: LockStatus; head: ReactNode; onBack: () => void; onUnlocked: (s: LockStatus) => void }) {
  const [key, setKey] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  if (!props.status.encrypted) {
    // a password set by an earlier version: it made no recovery key
    return (
      <div className="lock-card lock-card-wide">
        {props.head}
        <h1 className="lock-title">忘记密码</h1>
        <p className="lock-recover-note">
          这个密码是在旧版本中设置的，当时没有生成恢复密钥，程序无法替您找回。请向设置密码的同事询问；如果无人知道，可以用“打开数据文件”改用设置密码之前的备份。
        </p>
        <button type="button" className="primary lock-submit" onClick={props.onBack}>
          返回输入密码
        </button>
      </div>
    );
  }

  const submit = async () => {
    if (busy) return;
    if (!key.trim()) return setError('请输入恢复密钥');
    if (password.length < LOCK_MIN_LENGTH) return setError(`新密码至少需要 ${LOCK_MIN_LENGTH} 个字符`);
    if (password !== again) return setError('两次输入的新密码不一致');
    setBusy(true);
    setError(null);
    try {
      props.onUnlocked(await api.lock.recover({ recoveryKey: key, password }));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <form
      className="lock-card lock-card-wide"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {props.head}
      <h1 className="lock-title">忘记密码</h1>
      <p className="lock-recover-note">
        请找出设置密码时打印或抄下的<b>恢复密钥</b>（8 组数字，每组 6 位），输入后设置一个新密码。数据文件旁的“{RECOVERY_FILE_NAME}”也要在。
        <br />
        密码和恢复密钥都丢失时，加密的数据文件无法打开，任何人都无法找回。
      </p>
      <label className="field">
        <span>恢复密钥</span>
        <input ref={first} aria-label="恢复密钥" inputMode="numeric" autoComplete="off" placeholder="000000-000000-…" value={key} disabled={busy} onChange={(e) => setKey(e.target.value)} />
      </label>
      <label className="field">
        <span>新密码（至少 {LOCK_MIN_LENGTH} 个字符）</span>
        <input type="password" aria-label="新密码" autoComplete="new-password" value={password} disabled={busy} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <label className="field">
        <span>再次输入新密码</span>
        <input type="password" aria-label="再次输入新密码" autoComplete="new-password" value={again} disabled={busy} onChange={(e) => setAgain(e.target.value)} />
      </label>
      <div className="lock-error" role="alert" data-testid="lock-error">
        {error ?? ''}
      </div>
      <button type="submit" className="primary lock-submit" disabled={busy}>
        {busy ? '正在打开…' : '用恢复密钥打开并设置新密码'}
      </button>
      <button type="button" className="link lock-link" onClick={props.onBack}>
        返回输入密码
      </button>
    </form>
  );
}
