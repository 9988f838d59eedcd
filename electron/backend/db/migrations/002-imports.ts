import type { Migration } from './migration';

/**
 * Import batches: each applied import is recorded with what it changed (values before and
 * after) — what it created is in the audit log under the batch's id — so a batch can be
 * undone while its records are untouched since.
 * Corrected column mappings are remembered per header signature.
 */
export const migration002: Migration = {
  version: 2,
  name: 'imports',
  sql: `
CREATE TABLE import_batches (
  id INTEGER PRIMARY KEY,
  target TEXT NOT NULL,
  file_name TEXT NOT NULL,
  sheet TEXT NOT NULL,
  applied_at TEXT NOT NULL,
  actor TEXT NOT NULL,
  added INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  unchanged INTEGER NOT NULL,
  refused INTEGER NOT NULL,
  units_created INTEGER NOT NULL DEFAULT 0,
  undone_at TEXT
) STRICT;

CREATE TABLE import_batch_items (
  batch_id INTEGER NOT NULL REFERENCES import_batches(id),
  entity TEXT NOT NULL,
  entity_id INTEGER NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('create', 'update')),
  before_json TEXT,
  after_json TEXT NOT NULL,
  PRIMARY KEY (batch_id, entity, entity_id)
) STRICT;

-- the audit lines of one batch (an import's creations are found through them)
CREATE INDEX audit_batch ON audit_log(batch_id) WHERE batch_id IS NOT NULL;

CREATE TABLE import_mappings (
  target TEXT NOT NULL,
  signature TEXT NOT NULL,
  mapping_json TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (target, signature)
) STRICT;
`,
};
