import type { Migration } from './migration';

/**
 * Supervision (督办): tasks in a tree (逐项分解), their helper units, recurring tasks, and
 * the task log (留痕) of every rise, urge, note, reply and override.
 *
 * Units and people are foreign keys, so UnitService's generic check refuses to delete a unit
 * a task still points at. A task's link to a ledger record is SET NULL on purge: emptying
 * the ledger's recycle bin must not be blocked by a task, and the task keeps its own text.
 * `last_level` is the level last seen by tasks.refreshLevels, so a rise can be logged once.
 * task_log has no foreign key and is append-only, like audit_log: the trail outlives a task.
 */
export const migration004: Migration = {
  version: 4,
  name: 'supervision',
  sql: `
CREATE TABLE task_recurrences (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  content TEXT,
  source TEXT NOT NULL DEFAULT '自定' CHECK (source IN ('上级部署', '领导批示', '会议决定', '征求意见', '自定')),
  rule TEXT NOT NULL CHECK (rule IN ('weekly', 'semimonthly', 'monthly')),
  weekdays TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(weekdays)),
  month_day INTEGER CHECK (month_day BETWEEN 1 AND 31),
  start_date TEXT NOT NULL,
  end_date TEXT,
  unit_id INTEGER REFERENCES units(id) ON DELETE RESTRICT,
  responsible_id INTEGER REFERENCES people(id) ON DELETE RESTRICT,
  parent_id INTEGER,
  horizon TEXT CHECK (horizon IN ('月计划', '周清单', '日安排')),
  generated_until TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER REFERENCES tasks(id) ON DELETE RESTRICT,
  title TEXT NOT NULL,
  content TEXT,
  source TEXT NOT NULL CHECK (source IN ('上级部署', '领导批示', '会议决定', '征求意见', '自定')),
  lead_leader_id INTEGER REFERENCES people(id) ON DELETE RESTRICT,
  unit_id INTEGER REFERENCES units(id) ON DELETE RESTRICT,
  responsible_id INTEGER REFERENCES people(id) ON DELETE RESTRICT,
  start_date TEXT,
  due_date TEXT,
  progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  status TEXT NOT NULL DEFAULT '未开始' CHECK (status IN ('未开始', '推进中', '已办结', '已销号')),
  evidence TEXT,
  rating TEXT CHECK (rating IN ('优', '良', '合格', '不合格')),
  ledger_record_id INTEGER REFERENCES ledger_records(id) ON DELETE SET NULL,
  horizon TEXT CHECK (horizon IN ('月计划', '周清单', '日安排')),
  recurrence_id INTEGER REFERENCES task_recurrences(id) ON DELETE RESTRICT,
  occurrence_date TEXT,
  override_level TEXT CHECK (override_level IN ('white', 'blue', 'yellow', 'red')),
  override_reason TEXT,
  last_level TEXT NOT NULL DEFAULT 'white' CHECK (last_level IN ('white', 'blue', 'yellow', 'red')),
  closed_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((override_level IS NULL) = (override_reason IS NULL))
) STRICT;
CREATE INDEX tasks_parent ON tasks(parent_id);
CREATE INDEX tasks_unit ON tasks(unit_id, due_date);
CREATE INDEX tasks_due ON tasks(due_date);
CREATE INDEX tasks_ledger_record ON tasks(ledger_record_id) WHERE ledger_record_id IS NOT NULL;
CREATE UNIQUE INDEX tasks_occurrence ON tasks(recurrence_id, occurrence_date) WHERE recurrence_id IS NOT NULL;

CREATE TABLE task_helpers (
  task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
  unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
  PRIMARY KEY (task_id, unit_id)
) STRICT;
CREATE INDEX task_helpers_unit ON task_helpers(unit_id);

CREATE TABLE task_log (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('create', 'rise', 'urge', 'note', 'reply', 'override', 'clearOverride', 'status', 'progress', 'rating', 'bulletin')),
  level TEXT,
  from_level TEXT,
  text TEXT
) STRICT;
CREATE INDEX task_log_task ON task_log(task_id, id);

CREATE TRIGGER task_log_no_update BEFORE UPDATE ON task_log
BEGIN SELECT RAISE(ABORT, '督办留痕不可修改'); END;
CREATE TRIGGER task_log_no_delete BEFORE DELETE ON task_log
BEGIN SELECT RAISE(ABORT, '督办留痕不可删除'); END;
`,
};
