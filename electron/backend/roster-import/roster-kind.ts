import type { ImportPreviewRow } from '../../../shared/contract/imports';
import { PERSON_FIELDS, type Person, type PersonField, type PersonInput } from '../../../shared/domain/roster';
import type { AuditLine, AuditService } from '../audit/audit-service';
import type { BackendContext } from '../context';
import { ErrorCode, fail } from '../errors';
import type { BatchToUndo, ImportKind, RowWriter, RowWritten } from '../import/apply/import-kind';
import { ROSTER_TARGET } from '../import';
import type { RosterService } from '../roster/roster-service';
import { classifyRows, indexPeople } from './classify-rows';

type Snapshot = Partial<Record<PersonField, unknown>>;

export const ROSTER_BATCH_TARGET = 'roster';

/**
 * The roster (花名册) as a kind of import: rows matched to people by 公民身份号码 or 警号,
 * written through the roster's one writer of `people` rows. A new person is one audit line
 * (under the batch): that line is also how its undo finds the people it added.
 */
export function rosterKind(ctx: BackendContext, audit: AuditService, roster: RosterService): ImportKind {
  // audit lines of new people, written together at the end of the apply (one pass: written
  // between the people, they took twice as long, the two tables' indexes evicting each other)
  let created: AuditLine[] = [];

  return {
    batchTarget: ROSTER_BATCH_TARGET,
    target: ROSTER_TARGET,
    fields: ROSTER_TARGET.fields.map((f) => ({ key: f.key, label: f.label, required: Boolean(f.required) })),
    remembersMappings: true,
    unitWord: '人',

    classify: (parsed) => classifyRows(parsed.rows, parsed.refused, indexPeople(roster.list())),

    begin() {
      created = [];
    },

    finish(w) {
      audit.record(created, w.auditBatch);
      created = [];
    },

    writeRow(r: ImportPreviewRow, w: RowWriter): RowWritten {
      const values = personValues(r, w);
      if ('refusal' in values) return { kind: 'refused', reason: values.refusal };
      if (r.class === 'new') {
        const id = roster.rows.insert(values.snapshot as PersonInput, w.now);
        created.push({ entity: 'person', entityId: id, action: 'create', newValue: { ...values.snapshot, unitId: r.values.unit ?? null } });
        return { kind: 'added' };
      }
      const before = roster.get(r.personId!);
      const fields = (Object.keys(values.snapshot) as PersonField[]).filter((f) => (before[f] ?? null) !== (values.snapshot[f] ?? null));
      if (fields.length === 0) return { kind: 'unchanged' };
      const after: Snapshot = Object.fromEntries(fields.map((f) => [f, values.snapshot[f] ?? null]));
      roster.rows.update(before.id, after as PersonInput, w.now);
      audit.record(
        fields.map((f) => ({
          entity: 'person',
          entityId: before.id,
          action: 'update' as const,
          field: f,
          oldValue: f === 'unitId' ? before.unitName : before[f],
          newValue: f === 'unitId' ? r.values.unit : values.snapshot[f],
        })),
        w.auditBatch,
      );
      w.item('person', before.id, 'update', Object.fromEntries(fields.map((f) => [f, before[f] ?? null])), after);
      return { kind: 'updated' };
    },

    undoRows(batch: BatchToUndo) {
      // the people it created: its audit lines; edited since = any later audit line for them
      const lastLine = (ctx.db.prepare('SELECT max(id) AS id FROM audit_log WHERE batch_id = ?').get(batch.auditBatch) as { id: number | null }).id ?? 0;
      const createdPeople = ctx.db
        .prepare(
          `SELECT c.entity_id AS id,
                  EXISTS (SELECT 1 FROM audit_log later WHERE later.entity = 'person' AND later.entity_id = c.entity_id AND later.id > ?) AS edited
           FROM audit_log c WHERE c.batch_id = ? AND c.entity = 'person' AND c.action = 'create'`,
        )
        .all(lastLine, batch.auditBatch) as { id: number; edited: number }[];
      const items = [
        ...batch.items.filter((i) => i.entity === 'person').map((i) => ({ ...i, edited: false })),
        ...createdPeople.map((c) => ({ entity: 'person', id: c.id, action: 'create' as const, beforeJson: null, afterJson: '{}', edited: c.edited === 1 })),
      ];
      const exists = ctx.db.prepare('SELECT 1 FROM people WHERE id = ?');
      const people = new Map<number, Person>();
      const blockers: string[] = [];
      for (const it of items) {
        const p = exists.get(it.id) ? roster.get(it.id) : null;
        if (!p) {
          if (it.action === 'update') blockers.push(`（已删除的人员 #${it.id}）`);
          continue;
        }
        people.set(it.id, p);
        const after = JSON.parse(it.afterJson) as Snapshot;
        if (it.edited || (Object.keys(after) as PersonField[]).some((f) => (p[f] ?? null) !== (after[f] ?? null))) blockers.push(p.name);
      }
      if (blockers.length > 0) {
        const shown = blockers.slice(0, 10).join('、') + (blockers.length > 10 ? ` 等 ${blockers.length} 人` : '');
        fail(ErrorCode.conflict, `以下人员在导入后又被修改过，撤销会丢失这些修改，因此不能撤销本批导入：${shown}`, blockers);
      }
      let removed = 0;
      let restored = 0;
      for (const it of items) {
        const p = people.get(it.id);
        if (!p) continue;
        if (it.action === 'create') {
          roster.rows.delete(it.id);
          audit.record([{ entity: 'person', entityId: it.id, action: 'delete', oldValue: { name: p.name, idNumber: p.idNumber, badge: p.badge } }], batch.undoAuditBatch);
          removed++;
        } else {
          const before = JSON.parse(it.beforeJson ?? '{}') as Snapshot;
          const fields = Object.keys(before) as PersonField[];
          roster.rows.update(it.id, before as PersonInput, batch.now);
          audit.record(fields.map((f) => ({ entity: 'person', entityId: it.id, action: 'update' as const, field: f, oldValue: p[f], newValue: before[f] })), batch.undoAuditBatch);
          restored++;
        }
      }
      return { removed, restored };
    },
  };
}

const IS_PERSON_FIELD: ReadonlySet<string> = new Set(PERSON_FIELDS);

/** The row's values as roster fields; the unit name becomes its id (or the row is refused). */
function personValues(r: ImportPreviewRow, w: RowWriter): { snapshot: Snapshot } | { refusal: string } {
  const snapshot: Snapshot = {};
  const values = r.values;
  for (const k in values) {
    const v = values[k];
    if (v === null || v === undefined || v === '') continue;
    if (k === 'unit') {
      const id = w.unitId(String(v));
      if (id === undefined) return { refusal: `所在单位“${String(v)}”不在组织架构中（${w.unitHint}）` };
      snapshot.unitId = id;
    } else if (IS_PERSON_FIELD.has(k)) snapshot[k as PersonField] = v;
  }
  return { snapshot };
}
