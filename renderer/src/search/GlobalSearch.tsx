import { useEffect, useRef, useState } from 'react';
import type { SearchGroup } from '../../../shared/contract/ledger';
import { api, errorMessage } from '../api';
import '../ledger/ledger.css';

export type SearchTarget = { kind: 'ledger'; categoryId: number; recordId: number; query: string } | { kind: 'roster'; personId: number; query: string };

/** One box across all ledgers and the roster; results grouped by category, a click opens the record. */
export function GlobalSearch(props: { onOpen: (t: SearchTarget) => void }) {
  const [query, setQuery] = useState('');
  const [groups, setGroups] = useState<SearchGroup[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setGroups(null);
      return;
    }
    let alive = true;
    const t = setTimeout(() => {
      api.ledger.search({ query: q, perGroup: 8 }).then(
        (g) => {
          if (!alive) return;
          setGroups(g);
          setError(null);
          setActive(0);
        },
        (err) => alive && setError(errorMessage(err)),
      );
    }, 200);
    return () => {
      alive = false;
      clearTimeout(t);
    };
  }, [query]);

  useEffect(() => {
    const away = (e: MouseEvent) => box.current && !box.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, []);

  const flat = (groups ?? []).flatMap((g) => g.hits.map((h) => ({ g, h })));
  const go = (i: number) => {
    const item = flat[i];
    if (!item) return;
    setOpen(false);
    const q = query.trim();
    if (item.g.kind === 'roster') props.onOpen({ kind: 'roster', personId: item.h.id, query: q });
    else if (item.g.categoryId !== null) props.onOpen({ kind: 'ledger', categoryId: item.g.categoryId, recordId: item.h.id, query: q });
  };

  let index = -1;
  return (
    <div className="global-search" ref={box}>
      <input
        type="search"
        aria-label="全局查找"
        placeholder="查找台账和花名册…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(flat.length - 1, a + 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
          else if (e.key === 'Enter') go(active);
          else if (e.key === 'Escape') setOpen(false);
          else return;
          e.preventDefault();
        }}
      />
      {open && query.trim() && (
        <div className="search-results" role="listbox" aria-label="查找结果" data-testid="search-results">
          {error && <div className="form-error">{error}</div>}
          {groups === null && !error && <div className="muted search-empty">正在查找…</div>}
          {groups !== null && groups.length === 0 && <div className="muted search-empty">没有找到“{query.trim()}”</div>}
          {groups?.map((g) => (
            <div key={`${g.kind}-${g.categoryId ?? 0}`} className="search-group" role="group" aria-label={g.name}>
              <div className="search-group-head">
                <span>{g.name}</span>
                <span className="muted">
                  {g.count}
                  {g.more ? '+' : ''} 条
                </span>
              </div>
              {g.hits.map((h) => {
                index++;
                const i = index;
                return (
                  <div
                    key={h.id}
                    role="option"
                    aria-selected={i === active}
                    className={i === active ? 'search-hit active' : 'search-hit'}
                    onMouseEnter={() => setActive(i)}
                    onMouseDown={(e) => {
                      e.preventDefault();
                      go(i);
                    }}
                  >
                    <div className="search-hit-title">{h.title}</div>
                    {h.snippet && h.snippet !== h.title && <div className="search-hit-snippet muted small">{h.snippet}</div>}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
