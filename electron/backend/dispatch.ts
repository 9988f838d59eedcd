import { z } from 'zod';
import { contract } from '../../shared/contract';
import { ApiError, type Envelope } from '../../shared/contract/define';
import type { Handlers, MethodName } from '../../shared/contract/types';
import { ErrorCode, fromSqliteError } from './errors';
import { fromFileError } from './file-errors';

z.config(z.locales.zhCN());

export type Dispatch = (method: string, input: unknown) => Promise<Envelope<unknown>>;

const isMethod = (m: string): m is MethodName => Object.prototype.hasOwnProperty.call(contract, m);

function describeZodError(err: z.ZodError): string {
  const first = err.issues[0];
  if (!first) return '输入无效';
  const where = first.path.length ? `（${first.path.join('.')}）` : '';
  return `输入无效${where}：${first.message}`;
}

/** Turns any failure into error data with a Chinese message; never lets an exception cross. */
export function toErrorEnvelope(err: unknown, log: (e: unknown) => void = console.error): Envelope<never> {
  if (err instanceof ApiError) return { ok: false, error: { code: err.code, message: err.message, details: err.details } };
  const sqlite = fromSqliteError(err);
  if (sqlite) return { ok: false, error: { code: sqlite.code, message: sqlite.message } };
  const file = fromFileError(err);
  if (file) return { ok: false, error: { code: file.code, message: file.message } };
  log(err);
  const detail = err instanceof Error ? err.message : String(err);
  return { ok: false, error: { code: ErrorCode.internal, message: `程序内部错误：${detail}` } };
}

/**
 * The single entry to the backend for every transport (IPC, loopback bridge, CLI):
 * the method must be in the contract and its input must parse with the method's schema.
 */
export function createDispatcher(handlers: () => Handlers): Dispatch {
  return async (method, input) => {
    if (!isMethod(method)) return { ok: false, error: { code: ErrorCode.unknownMethod, message: `未知的操作：${method}` } };
    const parsed = contract[method].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: { code: ErrorCode.validation, message: describeZodError(parsed.error) } };
    try {
      const handler = handlers()[method] as (i: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      return toErrorEnvelope(err);
    }
  };
}
