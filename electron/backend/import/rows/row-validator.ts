import type { ColumnMapping } from '../mapping/auto-map';
import { fieldByKey, type FieldCheck, type ImportField, type ImportTarget, type RowValues } from '../mapping/target';
import type { CellValue, GridRow } from '../read/grid';
import { displayCell } from './cell-text';
import { coerceCell, LOST_DIGITS, type CoerceContext } from './coerce-cell';
import { checkFor } from './default-checks';
import { UnitResolver } from './unit-resolver';

export interface ImportRow {
  /** sheet row as Excel shows it */
  row: number;
  /** only mapped fields appear: an absent column must not blank what the record holds */
  values: RowValues;
  /** the row's cells as text, one per column, for the error workbook and the preview */
  raw: string[];
  /** set when `values.unit` names a unit the organisation does not have yet */
  newUnit?: string;
}

export interface RefusedRow {
  row: number;
  /** the most important reason, in Chinese */
  reason: string;
  /** the field to blame, when there is one */
  field?: string;
  raw: string[];
}

export interface ValidateOptions extends CoerceContext {
  /** existing unit names; omit to take unit names as they are */
  units?: readonly string[];
}

export interface Validated {
  rows: ImportRow[];
  refused: RefusedRow[];
  unknownUnits: string[];
}

type Failure = { field: string; reason: string; severe: boolean };
type Outcome = { ok: true; value: unknown } | { ok: false; reason: string; severe: boolean };
type Mapped = { field: ImportField; col: number; check: (v: unknown) => FieldCheck; memo: OutcomeMemo };

/**
 * Outcomes are remembered per distinct cell value (and format): a roster has a dozen units,
 * two sexes, a few thousand birth dates over 100,000 rows, so most checks run once. This
 * relies on coercion and `checkValue` being pure, as the target contract says. A column of
 * unique values (names, ID numbers) stops being remembered once that clearly does not pay.
 */
class OutcomeMemo {
  private strings = new Map<string, Outcome>();
  private numbers = new Map<number, Outcome>();
  private dates = new Map<string | undefined, Map<number, Outcome>>();
  private lookups = 0;
  private hits = 0;
  private off = false;

  get(v: CellValue | undefined, format: string | undefined): Outcome | undefined {
    if (this.off) return undefined;
    this.lookups++;
    const hit = this.mapFor(v, format)?.get(keyOf(v));
    if (hit) this.hits++;
    else if (this.lookups === 2000 && this.hits < 400) this.off = true;
    return hit;
  }

  set(v: CellValue | undefined, format: string | undefined, o: Outcome): void {
    if (this.off) return;
    const m = this.mapFor(v, format);
    if (m && m.size < 10_000) m.set(keyOf(v), o);
  }

  private mapFor(v: CellValue | undefined, format: string | undefined): Map<string | number, Outcome> | null {
    if (v instanceof Date) {
      let m = this.dates.get(format);
      if (!m) this.dates.set(format, (m = new Map()));
      return m as Map<string | number, Outcome>;
    }
    // numbers with a format (zero-padded codes) vary by format: not worth a map per format
    if (typeof v === 'number') return format === undefined ? (this.numbers as Map<string | number, Outcome>) : null;
    if (typeof v === 'string') return this.strings as Map<string | number, Outcome>;
    return null;
  }
}

/** The row's cells as text, one per column of the table. */
function rawOf(g: GridRow, width: number): string[] {
  const raw: string[] = new Array<string>(width);
  for (let c = 0; c < width; c++) raw[c] = displayCell(g.cells[c], g.formats?.[c]);
  return raw;
}

/** Reasons quote the cell: a cell of 70,000 characters must not make a 70,000-character reason. */
const clipReason = (r: string) => (r.length > 300 ? `${r.slice(0, 280)}…（内容过长，已截断）` : r);

const keyOf = (v: CellValue | undefined): string | number => (v instanceof Date ? v.getTime() : (v as string | number));

/**
 * Checks rows one by one, in sheet order, keeping what spans rows: keys seen (duplicates in
 * the file) and unit names met. Each refused row carries one reason, the most important:
 * digits lost to a number cell first, then the first failing field in the target's order,
 * then the target's cross-field rule, then a duplicate.
 */
export class RowValidator {
  readonly rows: ImportRow[] = [];
  readonly refused: RefusedRow[] = [];
  private readonly mapped: Mapped[];
  private readonly identity: string[];
  /** per identity key: value → first sheet row */
  private readonly firstSeen = new Map<string, Map<string, number>>();
  private readonly units: UnitResolver;

  constructor(
    private readonly columns: readonly string[],
    mapping: ColumnMapping,
    private readonly target: ImportTarget,
    private readonly opts: ValidateOptions,
  ) {
    this.mapped = [];
    // in the target's field order: it decides which reason a row shows first
    for (const field of target.fields) {
      const col = columns.findIndex((c) => mapping[c] === field.key);
      if (col >= 0) this.mapped.push({ field, col, check: checkFor(field), memo: new OutcomeMemo() });
    }
    this.identity = (target.identityKeys ?? []).filter((k) => this.mapped.some((m) => m.field.key === k));
    for (const k of this.identity) this.firstSeen.set(k, new Map());
    this.units = new UnitResolver(opts.units);
  }

  add(batch: readonly GridRow[]): void {
    for (const g of batch) this.one(g);
  }

  result(): Validated {
    // units are resolved for accepted rows only: a refused row's unit is not worth creating
    return { rows: this.rows, refused: this.refused, unknownUnits: this.units.unknown };
  }

  private one(g: GridRow): void {
    const values: RowValues = {};
    let failures: Failure[] | null = null;
    for (const m of this.mapped) {
      const r = this.evaluate(m, g.cells[m.col], g.formats?.[m.col]);
      if (!r.ok) (failures ??= []).push({ field: m.field.key, reason: r.reason, severe: r.severe });
      else if (r.value === null && m.field.required) (failures ??= []).push({ field: m.field.key, reason: `${m.field.label}不能为空`, severe: false });
      else values[m.field.key] = r.value;
    }

    // keys of every row count, refused or not, so both rows of a pair are reported
    let duplicate: Failure | null = null;
    for (const key of this.identity) {
      const v = values[key];
      if (v === null || v === undefined) continue;
      const seen = this.firstSeen.get(key)!;
      const k = String(v);
      const first = seen.get(k);
      if (first === undefined) seen.set(k, g.row);
      else duplicate ??= { field: key, reason: `${this.labelOf(key)}与第${first}行重复（同一文件中出现两次）`, severe: false };
    }

    let failure = failures ? (failures.find((f) => f.severe) ?? failures[0]!) : null;
    if (!failure) {
      const cross = this.target.checkRow?.(values);
      if (cross) failure = { ...cross, severe: false };
    }
    failure ??= duplicate;
    if (failure) {
      this.refused.push({ row: g.row, reason: clipReason(failure.reason), field: failure.field, raw: rawOf(g, this.columns.length) });
      return;
    }
    const out: ImportRow = { row: g.row, values, raw: rawOf(g, this.columns.length) };
    for (const { field } of this.mapped) {
      const name = values[field.key];
      if (field.kind !== 'unit' || typeof name !== 'string' || name === '') continue;
      const known = this.units.resolve(name);
      if (known === null) out.newUnit = name;
      else values[field.key] = known;
    }
    this.rows.push(out);
  }

  /** Coercion by kind, then the field's check; remembered per distinct value. */
  private evaluate(m: Mapped, cell: CellValue | undefined, format: string | undefined): Outcome {
    const hit = m.memo.get(cell, format);
    if (hit) return hit;
    let out: Outcome;
    const r = coerceCell(m.field, cell, format, this.opts);
    if (!r.ok) out = { ok: false, reason: r.reason, severe: 'severity' in r && r.severity === LOST_DIGITS };
    else {
      const c = m.check(r.value);
      out = c.ok ? c : { ok: false, reason: c.reason, severe: false };
    }
    m.memo.set(cell, format, out);
    return out;
  }

  private labelOf(key: string): string {
    return fieldByKey(this.target, key)?.label ?? key;
  }
}

/** All rows at once (tests, small tables). */
export function validateRows(data: readonly GridRow[], columns: readonly string[], mapping: ColumnMapping, target: ImportTarget, opts: ValidateOptions): Validated {
  const v = new RowValidator(columns, mapping, target, opts);
  v.add(data);
  return v.result();
}
