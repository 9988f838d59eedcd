import type { OfficeLevel } from '../../../shared/contract/app';
import { OFFICE_LEVELS, OFFICE_LEVEL_HINTS } from '../../../shared/contract/app';
import type { Unit } from '../../../shared/domain/units';
import { flattenTree } from '../units/unit-tree';

/** Where 本单位 sits in the organisation tree: nowhere yet, an existing unit, or a new one of its name. */
export type OfficePlace = { kind: 'none' } | { kind: 'existing'; unitId: number } | { kind: 'new'; parentId: number | null };

export interface OfficeDraft {
  name: string;
  level: OfficeLevel | null;
  place: OfficePlace;
}

/** The 本单位 form, shared by the first-run dialog and 本单位设置: name, level, place in the tree. */
export function OfficeFields(props: { draft: OfficeDraft; units: Unit[]; onChange: (d: OfficeDraft) => void }) {
  const { draft } = props;
  const set = (patch: Partial<OfficeDraft>) => props.onChange({ ...draft, ...patch });
  const tree = flattenTree(props.units);
  const placeValue = draft.place.kind === 'existing' ? `u${draft.place.unitId}` : draft.place.kind === 'new' ? `new${draft.place.parentId ?? ''}` : 'none';
  const pickPlace = (v: string) => {
    if (v === 'none') return set({ place: { kind: 'none' } });
    if (v.startsWith('new')) return set({ place: { kind: 'new', parentId: v === 'new' ? null : Number(v.slice(3)) } });
    set({ place: { kind: 'existing', unitId: Number(v.slice(1)) } });
  };
  return (
    <div className="office-fields">
      <label className="field">
        <span>
          本单位名称<i className="required">*</i>
        </span>
        <input aria-label="本单位名称" value={draft.name} maxLength={60} placeholder="如：市公安局队伍教育整顿领导小组办公室" onChange={(e) => set({ name: e.target.value })} />
        <span className="muted small">导出的报表、报送包和通报中的“填报单位”都用这个名称。</span>
      </label>
      <div className="field">
        <span>级别</span>
        <div className="radio-row" role="radiogroup" aria-label="级别">
          {OFFICE_LEVELS.map((l) => (
            <label key={l} className="check" title={OFFICE_LEVEL_HINTS[l]}>
              <input type="radio" name="office-level" checked={draft.level === l} onChange={() => set({ level: l })} />
              {l}
              <span className="muted small">（{OFFICE_LEVEL_HINTS[l]}）</span>
            </label>
          ))}
        </div>
      </div>
      <label className="field">
        <span>在组织架构中的位置</span>
        <select aria-label="在组织架构中的位置" value={placeValue} onChange={(e) => pickPlace(e.target.value)}>
          <option value="none">暂不指定</option>
          <option value="new">新建为最上级单位（以本单位名称）</option>
          {tree.length > 0 && (
            <optgroup label="新建在以下单位之下">
              {tree.map((n) => (
                <option key={`new${n.unit.id}`} value={`new${n.unit.id}`}>
                  {'　'.repeat(n.depth)}
                  {n.unit.name} 之下
                </option>
              ))}
            </optgroup>
          )}
          {tree.length > 0 && (
            <optgroup label="本单位就是已有的单位">
              {tree.map((n) => (
                <option key={`u${n.unit.id}`} value={`u${n.unit.id}`}>
                  {'　'.repeat(n.depth)}
                  {n.unit.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        <span className="muted small">导入花名册或台账时新出现的单位，默认放在本单位之下。</span>
      </label>
    </div>
  );
}
