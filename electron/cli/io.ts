import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ApiError } from '../../shared/contract/define';

/** Exit statuses are part of the CLI contract (docs/cli.md). */
export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

export class UsageError extends Error {}

export interface CliIo {
  /** the one JSON document (with --json) or human text goes to stdout; everything else to stderr */
  out(text: string): void;
  err(text: string): void;
  /** all of standard input (`lock set --password-stdin`); default: the process's */
  readStdin?(): Promise<string>;
  /** the environment (LEDGERDESK_PASSWORD); default: the process's */
  env?: Record<string, string | undefined>;
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export const processIo: CliIo = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
  readStdin: readProcessStdin,
};

/** The variable every command reads an encrypted data file's password from. */
export const PASSWORD_VARIABLE = 'LEDGERDESK_PASSWORD';

export const passwordFromEnv = (io: CliIo): string | undefined => (io.env ?? process.env)[PASSWORD_VARIABLE] || undefined;

export interface Command {
  /** words that select it, e.g. ['roster', 'list'] */
  path: string[];
  summary: string;
  options: ParseArgsConfig['options'];
  /** returns the exit status */
  run(args: { values: Record<string, string | boolean | undefined>; positionals: string[] }, io: CliIo): Promise<number> | number;
}

export const commonOptions = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const satisfies ParseArgsConfig['options'];

export function requireDb(values: Record<string, unknown>): string {
  const db = values.db;
  if (typeof db !== 'string' || db === '') throw new UsageError('缺少 --db FILE（数据文件路径）');
  return db;
}

export function printResult(io: CliIo, json: boolean, value: unknown, human: () => string): void {
  io.out(json ? JSON.stringify(value) : human());
}

export function parse(cmd: Command, argv: string[]) {
  try {
    return parseArgs({ args: argv, options: { ...commonOptions, ...cmd.options }, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(parseArgsReason(err as Error & { code?: string }), { cause: err });
  }
}

/** node:util's parseArgs refusals (English) in the user's words, naming the option. */
function parseArgsReason(err: Error & { code?: string }): string {
  const option = /'(-[^' ]+)/.exec(err.message)?.[1] ?? '';
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `未知的选项：${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(err.message) ? `选项 ${option} 后面需要一个值` : `选项 ${option} 不带值`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `多余的参数：${/'([^']*)'/.exec(err.message)?.[1] ?? ''}`;
    default:
      return `命令行参数有误：${err.message}`;
  }
}

/** ApiErrors are refused input (exit 1); anything else is an internal failure (exit 2). */
export function exitFor(err: unknown): number {
  if (err instanceof UsageError) return EXIT.usage;
  if (err instanceof ApiError) return err.code === 'INTERNAL' ? EXIT.usage : EXIT.refused;
  return EXIT.usage;
}
