import type { SupervisionPage } from './nav';
import { BoardPage } from './BoardPage';
import { TasksPage } from './TasksPage';
import { PlansPage } from './PlansPage';
import { BulletinPage } from './BulletinPage';
import { RulesPage } from './RulesPage';
import { CoveragePage } from './CoveragePage';
import './supervision.css';

/** The sidebar's 督办 group, in the order the office works: look, chase, plan, check coverage, report, configure. */
export const SUPERVISION_PAGES: { key: SupervisionPage; label: string }[] = [
  { key: 'board', label: '挂图作战' },
  { key: 'tasks', label: '督办任务' },
  { key: 'plans', label: '工作计划' },
  { key: 'coverage', label: '全员覆盖' },
  { key: 'bulletin', label: '通报' },
  { key: 'rules', label: '督办设置' },
];

export const isSupervisionPage = (key: string): key is SupervisionPage => SUPERVISION_PAGES.some((p) => p.key === key);

export function SupervisionPageView(props: { page: SupervisionPage; focusTaskId: number | null }) {
  switch (props.page) {
    case 'board':
      return <BoardPage />;
    case 'tasks':
      return <TasksPage focusId={props.focusTaskId} />;
    case 'plans':
      return <PlansPage />;
    case 'coverage':
      return <CoveragePage />;
    case 'bulletin':
      return <BulletinPage />;
    case 'rules':
      return <RulesPage />;
  }
}
