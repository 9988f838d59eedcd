import type { Migration } from './migration';

/**
 * What the office keeps about its own way of working, beside the data itself:
 *  - export presets (导出方案) per target: the roster, a ledger category, the task list or
 *    bulletins; `spec` is the preset as JSON (title, columns in order, header groups, date
 *    format, totals row, statistics sheet), validated by the export service, not by SQL.
 *  - saved views (视图) per ledger category: a named filter + sort + column set.
 *  - attachments (附件) of a ledger record or of a task's completion evidence. The file is
 *    copied into the attachments folder beside the database under `stored_name`; the row
 *    keeps the name the user knows. `owner_id` has no foreign key because it points at one
 *    of two tables; the services check it. Removal only marks the row, so the audit trail
 *    and an undo can still find the file.
 */
export const migration005: Migration = {
  version: 5,
  name: 'office-work',
  sql: `
CREATE TABLE export_presets (
  id INTEGER PRIMARY KEY,
  target TEXT NOT NULL CHECK (target IN ('roster', 'ledger', 'tasks', 'bulletin')),
  category_id INTEGER REFERENCES ledger_categories(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  spec TEXT NOT NULL CHECK (json_valid(spec)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((target = 'ledger') = (category_id IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX export_presets_name ON export_presets(target, coalesce(category_id, 0), name);

CREATE TABLE ledger_views (
  id INTEGER PRIMARY KEY,
  category_id INTEGER NOT NULL REFERENCES ledger_categories(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  spec TEXT NOT NULL CHECK (json_valid(spec)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (category_id, name)
) STRICT;

CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  owner TEXT NOT NULL CHECK (owner IN ('record', 'task')),
  owner_id INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  stored_name TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  added_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  removed_at TEXT
) STRICT;
CREATE INDEX attachments_owner ON attachments(owner, owner_id) WHERE removed_at IS NULL;
`,
};
