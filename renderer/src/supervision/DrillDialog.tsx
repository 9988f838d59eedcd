import { useEffect, useState } from 'react';
import type { Task } from '../../../shared/domain/supervision';
import { errorMessage } from '../api';
import { Modal } from '../common/Modal';
import { TaskTable } from './TaskTable';
import { useSupervisionNav } from './nav';

const HIDDEN = ['children', 'source'];

/** What a number on the board stands for: a title and how to fetch the tasks behind it. */
export interface Drill {
  title: string;
  load: () => Promise<Task[]>;
}

/** The tasks behind one number of the board; a double click (or 查看) opens a task. */
export function DrillDialog(props: { drill: Drill; today: string; onClose: () => void }) {
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Task | null>(null);
  const { openTask } = useSupervisionNav();
  // the grid keeps Esc to itself (it cancels edits there); the dialog should still close on it
  const { onClose } = props;
  useEffect(() => {
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    document.addEventListener('keydown', esc, true);
    return () => document.removeEventListener('keydown', esc, true);
  }, [onClose]);
  useEffect(() => {
    props.drill.load().then(setTasks, (e) => setError(errorMessage(e)));
  }, [props.drill]);
  const open = (t: Task) => {
    props.onClose();
    openTask(t.id);
  };
  return (
    <Modal
      title={props.drill.title}
      onClose={props.onClose}
      width={1080}
      footer={
        <>
          <span className="muted small drill-count">{tasks ? `共 ${tasks.length} 项；双击一行查看任务详情` : ''}</span>
          <button disabled={!selected} onClick={() => selected && open(selected)}>
            查看任务
          </button>
          <button onClick={props.onClose}>关闭</button>
        </>
      }
    >
      {error ? <div className="form-error">{error}</div> : !tasks ? <div className="muted">正在读取…</div> : <div className="drill-grid"><TaskTable tasks={tasks} today={props.today} onSelect={setSelected} onOpen={open} hide={HIDDEN} testId="drill-grid" /></div>}
    </Modal>
  );
}
