import type { Database } from 'better-sqlite3';
import type { SearchGroup, SearchHit } from '../../../shared/contract/ledger';
import type { Refs } from './field-values';
import { toRecord, RECORD_COLUMNS, type DbRecord } from './ledger-rows';
import { searchNormal, searchSource } from './search-grams';
import { SearchIndex } from './search-index';
import type { CategoryShape } from './category-service';

/** Matches looked at per query: enough to count what a person reads, bounded for a 1-character query. */
const MAX_MATCHES = 2000;

/**
 * The one search box: ledger records through the bigram index (newest first), grouped by
 * category, then the roster by name, 警号 or ID number. Sensitive categories (问题线索) and
 * records in the recycle bin are left out.
 */
export function globalSearch(db: Database, query: string, perGroup: number, categories: readonly CategoryShape[], refs: Refs): SearchGroup[] {
  const source = searchSource(query);
  if (!source) return [];
  const shown = new Map(categories.filter((c) => !c.sensitive).map((c) => [c.id, c]));
  const matched = db
    .prepare(
      `SELECT r.id, r.category_id AS categoryId FROM (${source.sql} ORDER BY rowid DESC LIMIT ${MAX_MATCHES}) s
       JOIN ledger_records r ON r.id = s.rowid WHERE r.deleted_at IS NULL`,
    )
    .all(source.match) as { id: number; categoryId: number }[];
  const capped = matched.length >= MAX_MATCHES;
  const byCategory = new Map<number, number[]>();
  for (const m of matched) {
    if (!shown.has(m.categoryId)) continue;
    const list = byCategory.get(m.categoryId) ?? [];
    list.push(m.id);
    byCategory.set(m.categoryId, list);
  }
  const get = db.prepare(`SELECT ${RECORD_COLUMNS} FROM ledger_records WHERE id = ?`);
  const needle = searchNormal(query);
  const groups: SearchGroup[] = [];
  for (const cat of categories) {
    const ids = byCategory.get(cat.id);
    if (!ids) continue;
    const hits = ids.slice(0, perGroup).map((id) => hitOf(toRecord(get.get(id) as DbRecord), cat, needle, refs));
    groups.push({ kind: 'ledger', categoryId: cat.id, name: cat.name, count: ids.length, more: capped, hits });
  }
  const people = rosterHits(db, query, perGroup);
  if (people) groups.push(people);
  return groups;
}

function hitOf(rec: ReturnType<typeof toRecord>, cat: CategoryShape, needle: string, refs: Refs): SearchHit {
  const texts = SearchIndex.texts(cat.fields, rec.values, refs);
  const title = texts.slice(0, 2).join(' · ').slice(0, 80);
  const found = texts.find((t) => searchNormal(t).includes(needle)) ?? texts[0] ?? '';
  return { id: rec.id, title, snippet: found.length > 120 ? `${found.slice(0, 118)}…` : found };
}

function rosterHits(db: Database, query: string, perGroup: number): SearchGroup | null {
  const q = query.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (!q) return null;
  const where = `instr(p.name, ?) > 0 OR instr(coalesce(p.badge, ''), ?) > 0 OR instr(coalesce(p.id_number, ''), ?) > 0`;
  const count = db.prepare(`SELECT count(*) FROM people p WHERE ${where}`).pluck().get(q, q, q) as number;
  if (count === 0) return null;
  const rows = db
    .prepare(`SELECT p.id, p.name, p.badge, p.id_number AS idNumber, u.name AS unit FROM people p LEFT JOIN units u ON u.id = p.unit_id WHERE ${where} ORDER BY p.name = ? DESC, p.id LIMIT ?`)
    .all(q, q, q, q, perGroup) as { id: number; name: string; badge: string | null; idNumber: string | null; unit: string | null }[];
  const hits = rows.map((p) => ({
    id: p.id,
    title: p.unit ? `${p.name}（${p.unit}）` : p.name,
    snippet: [p.badge ? `警号 ${p.badge}` : null, p.idNumber].filter(Boolean).join(' · '),
  }));
  return { kind: 'roster', categoryId: null, name: '花名册', count, more: false, hits };
}
