import { createApiClient, type PreloadApi, type Transport } from '../../shared/contract/client';
import type { Envelope } from '../../shared/contract/define';
import type { Api } from '../../shared/contract/types';
import type { HostBridge } from '../../shared/host-bridge';
import { BRIDGE_TOKEN_HEADER, BRIDGE_TOKEN_PARAM, BRIDGE_TOKEN_REFUSED } from '../../shared/bridge-token';

declare global {
  interface Window {
    ledgerdesk?: PreloadApi;
    ledgerdeskHost?: HostBridge;
  }
}

/** In Electron the preload provides the methods; in a browser tab they go to the loopback bridge. */
const ipcTransport = (preload: PreloadApi): Transport => (method, input) => {
  const [domain, verb] = method.split('.') as [string, string];
  return preload[domain]![verb]!(input);
};

/**
 * The loopback bridge's token for this start: given in the address after `#` (never sent to a
 * server), kept for this tab so a reload still has it, and taken out of the address bar.
 */
function bridgeToken(): string | null {
  const KEY = 'ledgerdesk.bridgeToken';
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get(BRIDGE_TOKEN_PARAM);
  if (fromHash) {
    sessionStorage.setItem(KEY, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return sessionStorage.getItem(KEY);
}

const httpTransport = (token: string | null): Transport => async (method, input) => {
  if (!token) return { ok: false, error: { code: 'FORBIDDEN', message: BRIDGE_TOKEN_REFUSED } };
  try {
    const res = await fetch(`api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [BRIDGE_TOKEN_HEADER]: token },
      body: JSON.stringify(input),
    });
    return (await res.json()) as Envelope<unknown>;
  } catch {
    return { ok: false, error: { code: 'OFFLINE', message: '无法连接到后台服务，请确认程序仍在运行' } };
  }
};

export const api: Api = createApiClient(window.ledgerdesk ? ipcTransport(window.ledgerdesk) : httpTransport(bridgeToken()));

/** Native dialogs and menu commands, present only in the desktop app. */
export const host: HostBridge | null = window.ledgerdeskHost ?? null;

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
