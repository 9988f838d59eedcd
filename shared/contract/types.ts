import type { z } from 'zod';
import type { contract } from './index';

/** Everything below is derived from `contract`; nothing here is written per method. */
export type Contract = typeof contract;
export type MethodName = keyof Contract & string;
/** What a caller may send (before defaults are applied). */
export type MethodInput<K extends MethodName> = z.input<Contract[K]['input']>;
/** What a handler receives (after parsing). */
export type ParsedInput<K extends MethodName> = z.output<Contract[K]['input']>;
export type MethodOutput<K extends MethodName> = Exclude<Contract[K]['output'], undefined>;

type DomainOf<K> = K extends `${infer D}.${string}` ? D : never;
export type Domain = DomainOf<MethodName>;

/** The typed API object the renderer holds: `api.roster.list({})`. */
export type Api = {
  [D in Domain]: {
    [K in MethodName as K extends `${D}.${infer V}` ? V : never]: (
      input: MethodInput<K>,
    ) => Promise<MethodOutput<K>>;
  };
};

/** The backend implements exactly this: one function per method. */
export type Handlers = {
  [K in MethodName]: (input: ParsedInput<K>) => MethodOutput<K> | Promise<MethodOutput<K>>;
};
/** The part of Handlers one service provides, e.g. HandlersOf<'roster'>. */
export type HandlersOf<D extends Domain> = {
  [K in MethodName as K extends `${D}.${string}` ? K : never]: Handlers[K];
};
