import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/** The status bar at the bottom, as in Excel: the result of the last action, in one line. */
export type StatusKind = 'info' | 'success' | 'error';
export interface StatusMessage {
  text: string;
  kind: StatusKind;
  at: number;
}

const StatusContext = createContext<{ status: StatusMessage | null; notify: (text: string, kind?: StatusKind) => void } | null>(null);

export function StatusProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<StatusMessage | null>(null);
  const notify = useCallback((text: string, kind: StatusKind = 'info') => setStatus({ text, kind, at: Date.now() }), []);
  const value = useMemo(() => ({ status, notify }), [status, notify]);
  return <StatusContext.Provider value={value}>{children}</StatusContext.Provider>;
}

export function useStatus() {
  const ctx = useContext(StatusContext);
  if (!ctx) throw new Error('useStatus outside StatusProvider');
  return ctx;
}
