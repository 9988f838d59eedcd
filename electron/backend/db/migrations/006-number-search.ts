import type { Migration } from './migration';
import { rebuildNumberIndex } from '../../ledger/search-index';

/**
 * Search inside numbers: a query of 4 or more digits (part of an ID number, 警号 or phone
 * number) read most of the bigram index, since every ID number holds the same few digit
 * bigrams. `ledger_search_numbers` keeps each run of digits as overlapping 4-grams
 * (search-grams.ts), contentless like `ledger_search`, rowid = record id. It is filled from
 * the records in this migration's transaction, so the file is never half-indexed, by the
 * program's own rules (SearchIndex), as every later write keeps it: the index is derived data.
 */
export const migration006: Migration = {
  version: 6,
  name: 'number-search',
  sql: `
CREATE VIRTUAL TABLE ledger_search_numbers USING fts5(grams, content = '', contentless_delete = 1, tokenize = 'unicode61');
`,
  fill: rebuildNumberIndex,
};
