import { Notification } from 'electron';
import type { BackendHost } from './backend/host';

/**
 * Refreshes the supervision levels (logging each rise in the tasks' trails) and, when some
 * task rose or falls due tomorrow, shows one desktop notification summing them up — local,
 * no network. Clicking it brings the window forward, where the bell lists the tasks.
 */
export function refreshLevelsAndNotify(host: BackendHost, focus: () => void): void {
  const { risen, dueTomorrow } = host.current.supervision.tasks.refreshLevels();
  if ((risen.length === 0 && dueTomorrow.length === 0) || !Notification.isSupported()) return;
  const levels = host.current.supervision.rules.get().levels;
  const title = (id: number) => {
    try {
      return host.current.supervision.tasks.get(id).title;
    } catch {
      return `任务${id}`;
    }
  };
  const lines = [
    ...risen.slice(0, 3).map((r) => `升为${levels[r.to].name}${levels[r.to].action}：${title(r.taskId)}`),
    ...(risen.length > 3 ? [`……另有 ${risen.length - 3} 项升级`] : []),
    ...(dueTomorrow.length ? [`明天到期 ${dueTomorrow.length} 项${dueTomorrow.length <= 2 ? `：${dueTomorrow.map(title).join('、')}` : ''}`] : []),
  ];
  const n = new Notification({ title: `督办提醒：${risen.length} 项升级，${dueTomorrow.length} 项明天到期`, body: lines.join('\n') });
  n.on('click', focus);
  n.show();
}
