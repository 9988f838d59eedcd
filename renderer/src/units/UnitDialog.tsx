import { useState } from 'react';
import { UNIT_KINDS, UNIT_KIND_LABELS, type Unit, type UnitKind } from '../../../shared/domain/units';
import { FormDialog } from '../common/Modal';
import { flattenTree, subtreeIds } from './unit-tree';

export interface UnitDraft {
  name: string;
  kind: UnitKind;
  parentId: number | null;
}

/** Add, rename or move a unit: one form; the fields shown depend on what is being done. */
export function UnitDialog(props: {
  title: string;
  units: Unit[];
  initial: UnitDraft;
  editing?: Unit;
  show: { name?: boolean; kind?: boolean; parent?: boolean };
  /** Does it; what it throws is shown in the dialog, which stays open. */
  onSubmit: (draft: UnitDraft) => Promise<void>;
  onClose: () => void;
}) {
  const [draft, setDraft] = useState(props.initial);
  const blocked = props.editing ? subtreeIds(props.units, props.editing.id) : new Set<number>();
  const submit = () => {
    if (props.show.name && draft.name.trim() === '') throw new Error('单位名称不能为空');
    return props.onSubmit({ ...draft, name: draft.name.trim() });
  };
  return (
    <FormDialog title={props.title} onClose={props.onClose} onSubmit={submit}>
      {props.show.name && (
        <label className="field">
          <span>单位名称</span>
          <input aria-label="单位名称" value={draft.name} maxLength={40} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        </label>
      )}
      {props.show.kind && (
        <label className="field">
          <span>类型</span>
          <select aria-label="单位类型" value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as UnitKind })}>
            {UNIT_KINDS.map((k) => (
              <option key={k} value={k}>
                {UNIT_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
      )}
      {props.show.parent && (
        <label className="field">
          <span>上级单位</span>
          <select aria-label="上级单位" value={draft.parentId ?? ''} onChange={(e) => setDraft({ ...draft, parentId: e.target.value === '' ? null : Number(e.target.value) })}>
            <option value="">（顶层）</option>
            {flattenTree(props.units).map(({ unit, depth }) => (
              <option key={unit.id} value={unit.id} disabled={blocked.has(unit.id)}>
                {'\u3000'.repeat(depth) + unit.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </FormDialog>
  );
}
