import type { Command } from '../io';
import { checkCommand, initCommand } from './core';
import { rosterListCommand } from './roster';
import { backupCommand, restoreCommand } from './backup';
import { importRosterCommand } from './import';
import { exportCommand } from './export';
import { LEDGER_COMMANDS } from './ledger';
import { TASKS_COMMANDS } from './tasks';
import { COLLECT_COMMANDS } from './collect';
import { lockSetCommand } from './lock';

/** Every CLI command; each later module adds its own file and one line here. */
export const COMMANDS: Command[] = [initCommand, checkCommand, rosterListCommand, backupCommand, restoreCommand, importRosterCommand, exportCommand, ...LEDGER_COMMANDS, ...TASKS_COMMANDS, ...COLLECT_COMMANDS, lockSetCommand];
