import { migration001 } from './001-core';
import { migration002 } from './002-imports';
import { migration003 } from './003-ledgers';
import { migration004 } from './004-supervision';
import { migration005 } from './005-office-work';
import { migration006 } from './006-number-search';
import { migration007 } from './007-collections';
import { migration008 } from './008-people-field';
import type { Migration } from './migration';

/**
 * Every schema change, in order. Never edit a migration that has shipped: add the next one,
 * and commit a database saved at the previous version under tests/fixtures/db/.
 */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
