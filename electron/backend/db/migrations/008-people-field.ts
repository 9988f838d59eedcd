import type { Migration } from './migration';

/**
 * The 人员名单 field type (`people`: a list of person ids, e.g. a session's 参加人员 picked from
 * the roster). ledger_fields checks its type against a fixed list, and SQLite cannot change a
 * CHECK in place: the table is rebuilt with the longer list, rows copied as they are (ids
 * kept; nothing references ledger_fields by key), and its label index made again.
 */
export const migration008: Migration = {
  version: 8,
  name: 'people-field',
  sql: `
CREATE TABLE ledger_fields_new (
  id INTEGER PRIMARY KEY,
  category_id INTEGER NOT NULL REFERENCES ledger_categories(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  label TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('text', 'longText', 'number', 'date', 'singleChoice', 'multiChoice', 'person', 'people', 'unit', 'boolean', 'status')),
  choices_json TEXT NOT NULL DEFAULT '[]',
  required INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
  default_json TEXT,
  hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
  sort_order INTEGER NOT NULL DEFAULT 0,
  synonyms_json TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (category_id, key)
) STRICT;
INSERT INTO ledger_fields_new (id, category_id, key, label, type, choices_json, required, default_json, hidden, sort_order, synonyms_json, created_at, updated_at)
  SELECT id, category_id, key, label, type, choices_json, required, default_json, hidden, sort_order, synonyms_json, created_at, updated_at FROM ledger_fields;
DROP TABLE ledger_fields;
ALTER TABLE ledger_fields_new RENAME TO ledger_fields;
CREATE UNIQUE INDEX ledger_fields_label ON ledger_fields(category_id, label);
`,
};
