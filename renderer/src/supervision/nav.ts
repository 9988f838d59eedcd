import { createContext, useContext } from 'react';

/** The supervision pages the sidebar opens (App.tsx owns which one shows). */
export type SupervisionPage = 'board' | 'tasks' | 'plans' | 'coverage' | 'bulletin' | 'rules';

/** Lets any supervision screen (board, plans, the bell) open one task in the task page, or a ledger (at a record) in its page. */
export const SupervisionNav = createContext<{ openTask: (id: number) => void; openRecord: (categoryId: number, recordId?: number) => void }>({ openTask: () => {}, openRecord: () => {} });
export const useSupervisionNav = () => useContext(SupervisionNav);
