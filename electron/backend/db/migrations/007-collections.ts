import type { Migration } from './migration';

/**
 * 填报 and 汇总: one ledger collected from many units, offline, and consolidated.
 *
 *  - collections: one per request. `direction` 'out' = we asked units below (下发); 'in' = a
 *    填报表 from the office above that we fill (填报). `uid` is written into every file of the
 *    collection (hidden sheet, document properties, the 表号 on the title lines), so a file
 *    returned on a USB stick says which collection and unit it answers. `schema_json` is the
 *    category's fields as they were sent: returns are checked against it, not against fields
 *    edited since. `office_uid` tells our collections from another office's.
 *  - collection_units: the units asked, by name (a unit of the tree, or a name typed for a
 *    unit outside it), each with its own token in its file; the 催报 task made for it.
 *  - collection_returns: every accepted file, never overwritten. A unit's rows are those of
 *    its latest return not undone: a resubmission replaces the earlier one without deleting
 *    it, and undoing a return brings the one before it back.
 *  - collection_rows: the rows of a return, values keyed by field key, as shown (names for
 *    people and units: they belong to the unit's own roster, not ours).
 */
export const migration007: Migration = {
  version: 7,
  name: 'collections',
  sql: `
CREATE TABLE collections (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  direction TEXT NOT NULL CHECK (direction IN ('out', 'in')),
  category_id INTEGER REFERENCES ledger_categories(id) ON DELETE SET NULL,
  title TEXT NOT NULL,
  period TEXT NOT NULL,
  due_date TEXT,
  instructions TEXT NOT NULL DEFAULT '',
  office_name TEXT NOT NULL,
  office_uid TEXT NOT NULL,
  schema_json TEXT NOT NULL CHECK (json_valid(schema_json)),
  schema_hash TEXT NOT NULL,
  -- direction 'in': who we are in the list of the office above
  unit_token TEXT,
  unit_name TEXT,
  sent_at TEXT,
  sent_rows INTEGER,
  created_at TEXT NOT NULL,
  actor TEXT NOT NULL
) STRICT;

CREATE TABLE collection_units (
  id INTEGER PRIMARY KEY,
  collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  token TEXT NOT NULL,
  name TEXT NOT NULL,
  unit_id INTEGER REFERENCES units(id) ON DELETE SET NULL,
  sort_order INTEGER NOT NULL,
  form_file TEXT,
  urge_task_id INTEGER REFERENCES tasks(id) ON DELETE SET NULL,
  UNIQUE (collection_id, token),
  UNIQUE (collection_id, name)
) STRICT;

CREATE TABLE collection_returns (
  id INTEGER PRIMARY KEY,
  collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  unit_id INTEGER NOT NULL REFERENCES collection_units(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  stored_file TEXT,
  received_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  rows INTEGER NOT NULL,
  refused INTEGER NOT NULL,
  replaced_id INTEGER REFERENCES collection_returns(id),
  undone_at TEXT
) STRICT;
CREATE INDEX collection_returns_unit ON collection_returns(collection_id, unit_id, id);

CREATE TABLE collection_rows (
  return_id INTEGER NOT NULL REFERENCES collection_returns(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  sheet_row INTEGER NOT NULL,
  data TEXT NOT NULL CHECK (json_valid(data)),
  PRIMARY KEY (return_id, seq)
) STRICT, WITHOUT ROWID;
`,
};
