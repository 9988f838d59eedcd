import { createApiClient, type PreloadApi, type Transport } from '../../shared/contract/client';
import type { Envelope } from '../../shared/contract/define';
import type { Api } from '../../shared/contract/types';
import type { HostBridge } from '../../shared/host-bridge';

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

const httpTransport: Transport = async (method, input) => {
  try {
    const res = await fetch(`api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    return (await res.json()) as Envelope<unknown>;
  } catch {
    return { ok: false, error: { code: 'OFFLINE', message: '无法连接到后台服务，请确认程序仍在运行' } };
  }
};

export const api: Api = createApiClient(window.ledgerdesk ? ipcTransport(window.ledgerdesk) : httpTransport);

/** Native dialogs and menu commands, present only in the desktop app. */
export const host: HostBridge | null = window.ledgerdeskHost ?? null;

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
