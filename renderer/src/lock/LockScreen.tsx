import { useEffect, useRef, useState } from 'react';
import type { LockStatus } from '../../../shared/contract/lock';
import { api, errorMessage } from '../api';

/** The full-window lock screen: one password field, 解锁, and the reason when refused. */
export function LockScreen(props: { status: LockStatus; onUnlocked: (s: LockStatus) => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [office, setOffice] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    // app.info is one of the three methods a locked backend still answers
    api.app.info({}).then((i) => setOffice(i.officeName), () => undefined);
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
      setPassword('');
      setBusy(false);
      setTimeout(() => input.current?.focus(), 0);
    }
  };

  return (
    <div className="lock-screen" role="dialog" aria-modal="true" aria-label="程序已锁定" data-testid="lock-screen">
      <form
        className="lock-card"
        onSubmit={(e) => {
          e.preventDefault();
          void unlock();
        }}
      >
        <div className="lock-brand">台账督办助手</div>
        {office && <div className="lock-office">{office}</div>}
        <div className="lock-icon" aria-hidden="true">
          <svg viewBox="0 0 24 24" width="34" height="34">
            <rect x="5" y="10.5" width="14" height="10" rx="1.6" fill="none" stroke="currentColor" strokeWidth="1.6" />
            <path d="M8.2 10.5V7.8a3.8 3.8 0 0 1 7.6 0v2.7" fill="none" stroke="currentColor" strokeWidth="1.6" />
            <circle cx="12" cy="15.3" r="1.3" fill="currentColor" />
          </svg>
        </div>
        <h1 className="lock-title">程序已锁定</h1>
        <p className="lock-hint">请输入密码继续使用。</p>
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
        <button type="submit" className="primary lock-submit" disabled={busy}>
          {busy ? '正在验证…' : '解锁'}
        </button>
        <p className="lock-foot">
          {props.status.idleMinutes > 0 ? `程序启动时和空闲 ${props.status.idleMinutes} 分钟后需要输入密码。` : '程序启动时需要输入密码。'}
        </p>
      </form>
    </div>
  );
}
