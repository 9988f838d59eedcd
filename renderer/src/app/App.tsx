import { useCallback, useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/contract/app';
import { api, errorMessage, host } from '../api';
import { undoTyping } from '../common/menu-undo';
import { StatusProvider, useStatus } from '../common/status';
import { RosterPage, type PersonFocus } from '../roster/RosterPage';
import { UnitsPage } from '../units/UnitsPage';
import { ImportPage } from '../imports/ImportPage';
import { SafetyPage } from '../safety/SafetyPage';
import { DataFileDialog } from './DataFileDialog';
import { FirstRunDialog } from './FirstRunDialog';
import { OfficeSettingsPage } from './OfficeSettingsPage';
import { LedgerNav } from '../ledger/LedgerNav';
import { LedgerPage } from '../ledger/LedgerPage';
import type { FocusRequest } from '../ledger/LedgerGrid';
import { GlobalSearch } from '../search/GlobalSearch';
import { LockGate } from '../lock/LockGate';
import { LockControls } from '../lock/LockControls';
import { SUPERVISION_PAGES, SupervisionPageView, isSupervisionPage } from '../supervision/SupervisionPages';
import { SupervisionNav, type SupervisionPage } from '../supervision/nav';
import { RulesProvider } from '../supervision/levels';
import { ReminderBell } from '../supervision/ReminderBell';
import { CollectPage } from '../collect/CollectPage';

type PageKey = 'roster' | 'units' | 'import' | 'safety' | 'collect' | 'office' | SupervisionPage;
const PAGES: { key: PageKey; label: string }[] = [
  { key: 'collect', label: '填报汇总' },
  { key: 'units', label: '组织架构' },
  { key: 'roster', label: '花名册' },
  { key: 'import', label: '导入花名册' },
  { key: 'safety', label: '数据安全' },
  { key: 'office', label: '本单位设置' },
];

function Shell() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // 挂图作战 is what the office head looks at first
  const [page, setPage] = useState<PageKey>('board');
  const [taskFocus, setTaskFocus] = useState<number | null>(null);
  // an open ledger category (and a record to focus, from the global search) takes the page's place
  const [ledger, setLedger] = useState<{ id: number; focus?: FocusRequest } | null>(null);
  const [personFocus, setPersonFocus] = useState<PersonFocus | null>(null);
  const [firstRunDismissed, setFirstRunDismissed] = useState(false);
  const [fileDialog, setFileDialog] = useState(false);
  const [generation, setGeneration] = useState(0); // bumps when the data changes wholesale
  const { status, notify } = useStatus();

  const refreshInfo = useCallback(async () => {
    try {
      const i = await api.app.info({});
      setInfo(i);
      document.title = `台账督办助手 — ${i.dbPath}`;
    } catch (err) {
      setLoadError(errorMessage(err));
    }
  }, []);

  useEffect(() => {
    void refreshInfo();
  }, [refreshInfo]);

  // 撤销/重做 from the menu while typing undo the typing, anywhere in the app (menu-undo.ts)
  useEffect(() => host?.onMenuCommand((c) => (c === 'undo' || c === 'redo') && undoTyping(c)), []);

  const switchedFile = useCallback(async () => {
    setFileDialog(false);
    setFirstRunDismissed(false);
    await refreshInfo();
    setGeneration((g) => g + 1);
    notify('已切换数据文件', 'success');
  }, [refreshInfo, notify]);

  const pickFile = async (mode: 'open' | 'new') => {
    if (!host) return setFileDialog(true);
    try {
      const opened = await host.pickDataFile(mode);
      if (opened) await switchedFile();
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  };

  const openTask = useCallback((id: number) => {
    setLedger(null);
    setPage('tasks');
    setTaskFocus(id);
  }, []);

  const openRecord = useCallback((categoryId: number, recordId?: number) => setLedger(recordId ? { id: categoryId, focus: { recordId, query: '', nonce: Date.now() } } : { id: categoryId }), []);

  if (loadError) return <div className="fatal">无法连接数据：{loadError}</div>;
  if (!info) return <div className="loading">正在打开数据文件…</div>;

  return (
    <RulesProvider reloadKey={generation}>
    <SupervisionNav.Provider value={{ openTask, openRecord }}>
    <div className="app">
      <header className="topbar">
        <div className="brand">台账督办助手</div>
        <div className="office">{info.officeName}</div>
        <GlobalSearch
          onOpen={(t) => {
            if (t.kind === 'ledger') setLedger({ id: t.categoryId, focus: { recordId: t.recordId, query: t.query, nonce: Date.now() } });
            else {
              setLedger(null);
              setPage('roster');
              setPersonFocus({ personId: t.personId, query: t.query, nonce: Date.now() });
            }
          }}
        />
        <div className="spacer" />
        <div className="datafile" title={info.dbPath}>
          数据文件：<span data-testid="db-path">{info.dbPath}</span>
        </div>
        {host ? (
          <>
            <button className="ghost" onClick={() => void pickFile('open')}>
              打开数据文件…
            </button>
            <button className="ghost" onClick={() => void pickFile('new')}>
              新建数据文件…
            </button>
          </>
        ) : (
          <button className="ghost" onClick={() => setFileDialog(true)}>
            打开/新建数据文件
          </button>
        )}
        <ReminderBell reloadKey={generation} />
        <LockControls />
      </header>
      <div className="body">
        <nav className="sidebar" aria-label="功能">
          <div className="nav-group">督办</div>
          {SUPERVISION_PAGES.map((p) => (
            <button key={p.key} className={!ledger && page === p.key ? 'nav-item active' : 'nav-item'} onClick={() => { setLedger(null); setPage(p.key); setTaskFocus(null); }}>
              {p.label}
            </button>
          ))}
          <div className="nav-group">基础信息</div>
          {PAGES.map((p) => (
            <button key={p.key} className={!ledger && page === p.key ? 'nav-item active' : 'nav-item'} onClick={() => { setLedger(null); setPage(p.key); }}>
              {p.label}
            </button>
          ))}
          <LedgerNav activeId={ledger?.id ?? null} reloadKey={generation} onOpen={(id) => setLedger({ id })} />
        </nav>
        <main className="content" key={generation}>
          {ledger ? (
            <LedgerPage key={ledger.id} categoryId={ledger.id} focus={ledger.focus} onArchived={() => setLedger(null)} />
          ) : isSupervisionPage(page) ? (
            <SupervisionPageView page={page} focusTaskId={taskFocus} />
          ) : page === 'collect' ? (
            <CollectPage onOpenLedger={(id) => setLedger({ id })} />
          ) : page === 'roster' ? (
            <RosterPage focus={personFocus} />
          ) : page === 'units' ? (
            <UnitsPage />
          ) : page === 'office' ? (
            <OfficeSettingsPage info={info} onSaved={() => void refreshInfo()} />
          ) : page === 'import' ? (
            <ImportPage onApplied={() => void refreshInfo()} />
          ) : (
            <SafetyPage onRestored={() => void refreshInfo()} />
          )}
        </main>
      </div>
      <footer className="statusbar">
        <span className={`status-${status?.kind ?? 'info'}`} role="status" data-testid="status">
          {status?.text ?? '就绪'}
        </span>
        <span className="spacer" />
        <span>操作人：{info.actor}</span>
        <span>数据版本 {info.schemaVersion}</span>
      </footer>
      {info.isEmpty && !firstRunDismissed && (
        <FirstRunDialog
          onDone={(loaded) => {
            setFirstRunDismissed(true);
            void refreshInfo();
            setGeneration((g) => g + 1);
            if (loaded) notify('已载入示例数据', 'success');
          }}
        />
      )}
      {fileDialog && <DataFileDialog currentPath={info.dbPath} onClose={() => setFileDialog(false)} onOpened={() => void switchedFile()} />}
    </div>
    </SupervisionNav.Provider>
    </RulesProvider>
  );
}

export function App() {
  return (
    <StatusProvider>
      <LockGate>
        <Shell />
      </LockGate>
    </StatusProvider>
  );
}
