import { useCallback, useEffect, useRef, useState } from 'react';
import type { Reminders } from '../../../shared/domain/supervision';
import { api } from '../api';
import { localTime } from '../common/format';
import { LevelBadge } from './levels';
import { useSupervisionNav } from './nav';

const HOUR = 60 * 60 * 1000;
const SEEN_KEY = 'ledgerdesk.reminders.seen';

const keys = (r: Reminders) => [...r.risen.map((x) => `rise:${x.logId}`), ...r.dueTomorrow.map((t) => `due:${t.id}:${t.dueDate}`)];
const readSeen = (): Set<string> => {
  try {
    return new Set(JSON.parse(localStorage.getItem(SEEN_KEY) ?? '[]') as string[]);
  } catch {
    return new Set();
  }
};

/**
 * The bell in the top bar: tasks whose level rose in the last two days and tasks due tomorrow,
 * refreshed on start and every hour (all local). The count is what has not been looked at yet.
 */
export function ReminderBell(props: { reloadKey: number }) {
  const { openTask } = useSupervisionNav();
  const [data, setData] = useState<Reminders | null>(null);
  const [seen, setSeen] = useState<Set<string>>(readSeen);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    // the desktop app's main process also refreshes; in a browser tab only this page does
    await api.tasks.refreshLevels({}).catch(() => null);
    api.tasks.reminders({ days: 2 }).then(setData, () => {});
  }, []);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), HOUR);
    return () => clearInterval(timer);
  }, [load, props.reloadKey]);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => !box.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const unseen = data ? keys(data).filter((k) => !seen.has(k)).length : 0;
  const markSeen = () => {
    if (!data) return;
    const next = new Set(keys(data)); // only what is listed now: old keys drop out
    localStorage.setItem(SEEN_KEY, JSON.stringify([...next]));
    setSeen(next);
  };
  const go = (id: number) => {
    setOpen(false);
    openTask(id);
  };

  return (
    <div className="bell" ref={box}>
      <button className="ghost bell-btn" aria-label={`督办提醒${unseen ? `，${unseen} 条未读` : ''}`} aria-expanded={open} onClick={() => (setOpen(!open), void load())}>
        督办提醒
        {unseen > 0 && (
          <span className="bell-count" data-testid="bell-count">
            {unseen}
          </span>
        )}
      </button>
      {open && data && (
        <div className="bell-panel" role="dialog" aria-label="督办提醒">
          <div className="bell-head">
            <b>督办提醒</b>
            <span className="spacer" />
            <button className="link" onClick={markSeen}>
              全部标为已读
            </button>
          </div>
          <h3>等级上升（近两天）</h3>
          {data.risen.length === 0 && <div className="empty small">无</div>}
          <ul>
            {data.risen.map((x) => (
              <li key={x.logId} className={seen.has(`rise:${x.logId}`) ? 'seen' : ''} onClick={() => go(x.taskId)}>
                <div className="bell-title">{x.title}</div>
                <div className="bell-meta">
                  <span>{x.unit ?? '（未指定单位）'}</span>
                  <LevelBadge level={x.fromLevel} />→<LevelBadge level={x.toLevel} manual={x.manual} />
                  <span className="muted">{localTime(x.at)}</span>
                </div>
              </li>
            ))}
          </ul>
          <h3>明天到期</h3>
          {data.dueTomorrow.length === 0 && <div className="empty small">无</div>}
          <ul>
            {data.dueTomorrow.map((t) => (
              <li key={t.id} className={seen.has(`due:${t.id}:${t.dueDate}`) ? 'seen' : ''} onClick={() => go(t.id)}>
                <div className="bell-title">{t.title}</div>
                <div className="bell-meta">
                  <span>{t.unitName ?? '（未指定单位）'}</span>
                  <span className="muted">进度 {t.progress}%</span>
                  <LevelBadge level={t.level} />
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
