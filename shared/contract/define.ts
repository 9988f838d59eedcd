import type { z } from 'zod';

/**
 * One backend method: the schema its input must satisfy (checked in the main process,
 * because the renderer is untrusted) and the type it returns (a phantom, types only).
 */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  readonly output?: O;
}

/** `returns<Person[]>()(z.object({...}))` — output type first, inferred input schema second. */
export const returns =
  <O>() =>
  <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input });

export type ContractShape = Record<`${string}.${string}`, MethodSpec>;

/** Errors cross the boundary as data: a stable code and a message for the user, in Chinese. */
export interface ApiErrorData {
  code: string;
  message: string;
  /** Optional per-field reasons, e.g. for a refused roster row. */
  details?: unknown;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };

export class ApiError extends Error implements ApiErrorData {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
