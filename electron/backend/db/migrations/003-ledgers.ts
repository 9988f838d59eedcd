import type { Migration } from './migration';

/**
 * Ledgers (台账): categories, their fields, the records of every category, and a search index.
 *
 * Why one `ledger_records` table with a JSON `data` column (values keyed by field key):
 * measured on this machine with 200,000 records in one category (bench/ledger-bench.ts
 * repeats the figures on the real service):
 *
 *                                   JSON data + partial      typed side table
 *                                   expression indexes       (record, field, value)
 *   insert 200k                     2.95 s                   3.41 s
 *   first page (by id)              0.27 ms                  10.1 ms
 *   sort by a date field            0.37 ms                  1.9 ms
 *   filter by a choice              0.32 ms                  2.8 ms
 *   filter + sort on another field  78 ms                    96 ms
 *   file size                       136 MB                   215 MB
 *
 * A page is one row per record (no pivot of N value rows), and sorting/filtering a field is
 * served by an index the ledger service creates per sortable field at run time:
 *   CREATE INDEX lr_c<category>_f<field> ON ledger_records(json_extract(data,'$.<key>'), id)
 *   WHERE category_id = <category> AND deleted_at IS NULL
 * Partial on the category, so an insert pays only for its own category's indexes, and each
 * index holds only the live records it serves. (The planner uses a partial index only when
 * the query names the category as a literal: the service inlines the integer id.)
 * No table per category: fields change shape all day, and ALTER TABLE on a 200k-row table
 * with a type change means a rewrite; here a type change rewrites only `data` values.
 *
 * Search: FTS5's trigram tokenizer cannot answer 2-character queries (王伟), and most Chinese
 * names are two characters. `ledger_search` is a contentless FTS5 table whose text the service
 * writes pre-split into overlapping 2-grams ("王伟明" → "王伟 伟明"); a query becomes the
 * phrase of its own 2-grams, which matches exactly where the query is a substring — for a
 * 2-character name, or 8 digits in the middle of an ID number. rowid = record id.
 */
export const migration003: Migration = {
  version: 3,
  name: 'ledgers',
  sql: `
CREATE TABLE ledger_categories (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  grp TEXT NOT NULL CHECK (grp IN ('教育整顿', '党建工作', '自定义')),
  sort_order INTEGER NOT NULL DEFAULT 0,
  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  template_key TEXT,
  sensitive INTEGER NOT NULL DEFAULT 0 CHECK (sensitive IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE ledger_fields (
  id INTEGER PRIMARY KEY,
  category_id INTEGER NOT NULL REFERENCES ledger_categories(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  label TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('text', 'longText', 'number', 'date', 'singleChoice', 'multiChoice', 'person', 'unit', 'boolean', 'status')),
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
CREATE UNIQUE INDEX ledger_fields_label ON ledger_fields(category_id, label);

CREATE TABLE ledger_records (
  id INTEGER PRIMARY KEY,
  category_id INTEGER NOT NULL REFERENCES ledger_categories(id) ON DELETE RESTRICT,
  data TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(data)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  -- set while the record is in the recycle bin (回收站)
  deleted_at TEXT
) STRICT;
CREATE INDEX ledger_records_live ON ledger_records(category_id, deleted_at, id);

CREATE VIRTUAL TABLE ledger_search USING fts5(grams, content = '', contentless_delete = 1, tokenize = 'unicode61');
`,
};
