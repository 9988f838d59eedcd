import type { Database } from 'better-sqlite3';
import type {
  CollectField,
  CollectedRow,
  CollectionDetail,
  CollectionSummary,
  CollectionUnitStatus,
  ReturnEntry,
} from '../../../shared/contract/collect';
import { ErrorCode, fail } from '../errors';

export interface DbCollection {
  id: number;
  uid: string;
  direction: 'out' | 'in';
  categoryId: number | null;
  title: string;
  period: string;
  dueDate: string | null;
  instructions: string;
  officeName: string;
  officeUid: string;
  schemaJson: string;
  schemaHash: string;
  unitToken: string | null;
  unitName: string | null;
  sentAt: string | null;
  sentRows: number | null;
  createdAt: string;
}

export interface DbUnit {
  id: number;
  collectionId: number;
  token: string;
  name: string;
  unitId: number | null;
  formFile: string | null;
  urgeTaskId: number | null;
}

export interface DbReturn {
  id: number;
  unitId: number;
  version: number;
  fileName: string;
  fileSha256: string;
  receivedAt: string;
  actor: string;
  rows: number;
  refused: number;
  replacedId: number | null;
  undoneAt: string | null;
}

const COLLECTION_COLUMNS = `id, uid, direction, category_id AS categoryId, title, period, due_date AS dueDate, instructions,
  office_name AS officeName, office_uid AS officeUid, schema_json AS schemaJson, schema_hash AS schemaHash,
  unit_token AS unitToken, unit_name AS unitName, sent_at AS sentAt, sent_rows AS sentRows, created_at AS createdAt`;
const UNIT_COLUMNS = 'id, collection_id AS collectionId, token, name, unit_id AS unitId, form_file AS formFile, urge_task_id AS urgeTaskId';
const RETURN_COLUMNS = `id, unit_id AS unitId, version, file_name AS fileName, file_sha256 AS fileSha256, received_at AS receivedAt, actor,
  rows, refused, replaced_id AS replacedId, undone_at AS undoneAt`;

/** The return in force of each unit: its latest one not undone. */
const IN_FORCE = `undone_at IS NULL AND id = (SELECT max(x.id) FROM collection_returns x WHERE x.unit_id = collection_returns.unit_id AND x.undone_at IS NULL)`;

/** Reads of the collection tables; writes stay in the services that own the transactions. */
export class CollectStore {
  constructor(private readonly db: Database) {}

  collection(id: number): DbCollection {
    return (this.db.prepare(`SELECT ${COLLECTION_COLUMNS} FROM collections WHERE id = ?`).get(id) as DbCollection | undefined) ?? fail(ErrorCode.notFound, '该收集不存在或已被删除');
  }

  byUid(uid: string): DbCollection | null {
    return (this.db.prepare(`SELECT ${COLLECTION_COLUMNS} FROM collections WHERE uid = ?`).get(uid) as DbCollection | undefined) ?? null;
  }

  all(direction?: 'out' | 'in'): DbCollection[] {
    return this.db.prepare(`SELECT ${COLLECTION_COLUMNS} FROM collections WHERE @d IS NULL OR direction = @d ORDER BY id DESC`).all({ d: direction ?? null }) as DbCollection[];
  }

  fields(c: DbCollection): CollectField[] {
    return JSON.parse(c.schemaJson) as CollectField[];
  }

  units(collectionId: number): DbUnit[] {
    return this.db.prepare(`SELECT ${UNIT_COLUMNS} FROM collection_units WHERE collection_id = ? ORDER BY sort_order, id`).all(collectionId) as DbUnit[];
  }

  unit(id: number): DbUnit {
    return (this.db.prepare(`SELECT ${UNIT_COLUMNS} FROM collection_units WHERE id = ?`).get(id) as DbUnit | undefined) ?? fail(ErrorCode.notFound, '该单位不在本次收集的名单中');
  }

  returns(collectionId: number): DbReturn[] {
    return this.db.prepare(`SELECT ${RETURN_COLUMNS} FROM collection_returns WHERE collection_id = ? ORDER BY id`).all(collectionId) as DbReturn[];
  }

  returnById(id: number): (DbReturn & { collectionId: number }) | null {
    return (this.db.prepare(`SELECT ${RETURN_COLUMNS}, collection_id AS collectionId FROM collection_returns WHERE id = ?`).get(id) as (DbReturn & { collectionId: number }) | undefined) ?? null;
  }

  inForce(unitId: number): DbReturn | null {
    return (this.db.prepare(`SELECT ${RETURN_COLUMNS} FROM collection_returns WHERE unit_id = ? AND ${IN_FORCE}`).get(unitId) as DbReturn | undefined) ?? null;
  }

  returnCount(unitId: number): number {
    return this.db.prepare('SELECT count(*) FROM collection_returns WHERE unit_id = ?').pluck().get(unitId) as number;
  }

  /** A return's rows: sheet row and values. */
  rowsOf(returnId: number): { row: number; values: Record<string, unknown> }[] {
    return (this.db.prepare('SELECT sheet_row AS row, data FROM collection_rows WHERE return_id = ? ORDER BY seq').all(returnId) as { row: number; data: string }[]).map((r) => ({
      row: r.row,
      values: JSON.parse(r.data) as Record<string, unknown>,
    }));
  }

  /** The consolidated rows: every unit's return in force, units in list order. */
  *consolidated(collectionId: number, offset = 0, limit = -1): Generator<CollectedRow> {
    const stmt = this.db.prepare(
      `SELECT u.name AS unit, u.id AS unitId, cr.sheet_row AS row, cr.data
       FROM collection_returns r JOIN collection_units u ON u.id = r.unit_id JOIN collection_rows cr ON cr.return_id = r.id
       WHERE r.collection_id = ? AND r.undone_at IS NULL
         AND r.id = (SELECT max(x.id) FROM collection_returns x WHERE x.unit_id = r.unit_id AND x.undone_at IS NULL)
       ORDER BY u.sort_order, u.id, cr.seq LIMIT ? OFFSET ?`,
    );
    for (const r of stmt.iterate(collectionId, limit, offset) as Iterable<{ unit: string; unitId: number; row: number; data: string }>) {
      yield { unit: r.unit, unitId: r.unitId, row: r.row, values: JSON.parse(r.data) as Record<string, unknown> };
    }
  }

  consolidatedCount(collectionId: number): number {
    return this.db
      .prepare(`SELECT coalesce(sum(rows), 0) FROM collection_returns WHERE collection_id = ? AND ${IN_FORCE}`)
      .pluck()
      .get(collectionId) as number;
  }

  unitStatuses(c: DbCollection, today: string): CollectionUnitStatus[] {
    return this.units(c.id).map((u) => {
      const r = this.inForce(u.id);
      const late = !r && c.dueDate !== null && today > c.dueDate;
      return {
        id: u.id,
        name: u.name,
        unitId: u.unitId,
        state: r ? 'submitted' : late ? 'late' : 'missing',
        returnId: r?.id ?? null,
        receivedAt: r?.receivedAt ?? null,
        version: r?.version ?? 0,
        rows: r?.rows ?? 0,
        refused: r?.refused ?? 0,
        receivedLate: Boolean(r && c.dueDate !== null && r.receivedAt.slice(0, 10) > c.dueDate),
        urgeTaskId: u.urgeTaskId,
        formFile: u.formFile,
      };
    });
  }

  summary(c: DbCollection, today: string, categoryName: string | null): CollectionSummary {
    const statuses = c.direction === 'out' ? this.unitStatuses(c, today) : [];
    const submitted = statuses.filter((s) => s.state === 'submitted').length;
    return {
      id: c.id, uid: c.uid, direction: c.direction, categoryId: c.categoryId, title: c.title || (categoryName ?? ''), period: c.period, dueDate: c.dueDate,
      instructions: c.instructions, officeName: c.officeName, createdAt: c.createdAt,
      units: statuses.length, submitted, missing: statuses.length - submitted, late: statuses.filter((s) => s.state === 'late').length,
      rows: statuses.reduce((a, s) => a + s.rows, 0),
      unitName: c.unitName, sentAt: c.sentAt,
    };
  }

  detail(c: DbCollection, today: string, folder: string): CollectionDetail {
    const summary = this.summary(c, today, null);
    const units = new Map(this.units(c.id).map((u) => [u.id, u.name]));
    const list = this.returns(c.id);
    const inForce = new Set(this.units(c.id).map((u) => this.inForce(u.id)?.id).filter((x): x is number => x !== undefined));
    const returns: ReturnEntry[] = list.map((r) => ({
      id: r.id, unitId: r.unitId, unitName: units.get(r.unitId) ?? '', version: r.version, fileName: r.fileName, receivedAt: r.receivedAt, actor: r.actor,
      rows: r.rows, refused: r.refused, replacedId: r.replacedId, undoneAt: r.undoneAt, inForce: inForce.has(r.id),
    }));
    return { ...summary, fields: this.fields(c), unitStatuses: c.direction === 'out' ? this.unitStatuses(c, today) : [], returns, folder };
  }
}
