import { contract } from './index';
import { ApiError, type Envelope } from './define';
import type { Api, MethodName } from './types';

/** How a call travels: Electron IPC in the app, HTTP on loopback in tests and dev:browser. */
export type Transport = (method: MethodName, input: unknown) => Promise<Envelope<unknown>>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

type Tree<F> = Record<string, Record<string, F>>;

/** Lays out one function per contract method as `tree.domain.verb` (used by preload and client). */
export function methodTree<F>(make: (method: MethodName) => F): Tree<F> {
  const tree: Tree<F> = {};
  for (const name of METHOD_NAMES) {
    const [domain, verb] = name.split('.') as [string, string];
    (tree[domain] ??= {})[verb] = make(name);
  }
  return tree;
}

/** The typed `api.domain.verb()` object; an error envelope becomes a thrown ApiError. */
export function createApiClient(transport: Transport): Api {
  return methodTree((name) => async (input: unknown) => {
    const env = await transport(name, input ?? {});
    if (env.ok) return env.value;
    throw new ApiError(env.error.code, env.error.message, env.error.details);
  }) as unknown as Api;
}

/** The envelope-returning shape the preload exposes on `window.ledgerdesk`. */
export type PreloadApi = Tree<(input: unknown) => Promise<Envelope<unknown>>>;
