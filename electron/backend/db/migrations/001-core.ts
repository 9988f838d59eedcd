import type { Migration } from './migration';

/** Organisation tree, roster, settings, and the append-only audit log. */
export const migration001: Migration = {
  version: 1,
  name: 'core',
  sql: `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  parent_id INTEGER REFERENCES units(id) ON DELETE RESTRICT,
  kind TEXT NOT NULL CHECK (kind IN ('leading', 'taskforce', 'department')),
  sort_order INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX units_parent ON units(parent_id, sort_order);

CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  sex TEXT CHECK (sex IN ('男', '女')),
  badge TEXT,
  id_number TEXT,
  birth_date TEXT,
  political_status TEXT,
  unit_id INTEGER REFERENCES units(id) ON DELETE RESTRICT,
  post TEXT,
  rank TEXT,
  phone TEXT,
  joined_date TEXT,
  category TEXT,
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX people_id_number ON people(id_number) WHERE id_number IS NOT NULL;
CREATE UNIQUE INDEX people_badge ON people(badge) WHERE badge IS NOT NULL;
CREATE INDEX people_unit ON people(unit_id);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore')),
  field TEXT,
  old_value TEXT,
  new_value TEXT,
  batch_id TEXT
) STRICT;
CREATE INDEX audit_entity ON audit_log(entity, entity_id, id);

-- The audit log is evidence (留痕): nothing in the program may rewrite or erase it.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计日志不可修改'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计日志不可删除'); END;
`,
};
