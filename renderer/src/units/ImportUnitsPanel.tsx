import { useEffect, useState } from 'react';
import type { ImportUnitsChoice } from '../../../shared/contract/imports';
import type { Unit } from '../../../shared/domain/units';
import { api } from '../api';
import { flattenTree } from './unit-tree';
import './units.css';

/**
 * The units a file names that the tree does not have, in the import wizard: each may be a
 * slip for an existing unit (督查支队 for 督察支队) — then the existing one is suggested and
 * taken unless the user asks for a new unit — or is created, under the parent chosen here
 * (本单位 by default, else the top of the tree).
 */
export function ImportUnitsPanel(props: {
  unknown: string[];
  create: Set<string>;
  onCreate: (next: Set<string>) => void;
  choice: ImportUnitsChoice;
  onChoice: (next: ImportUnitsChoice) => void;
  note: string;
}) {
  const [units, setUnits] = useState<Unit[]>([]);
  const [similar, setSimilar] = useState<Record<string, string[]>>({});
  const key = props.unknown.join('\n');
  useEffect(() => {
    let live = true;
    (async () => {
      const [list, info, near] = await Promise.all([api.units.list({}), api.app.info({}), api.units.similar({ names: props.unknown })]);
      if (!live) return;
      setUnits(list);
      const found = Object.fromEntries(near.filter((n) => n.similar.length).map((n) => [n.name, n.similar]));
      setSimilar(found);
      // a near twin of an existing unit is most likely a slip: take the existing one unless told otherwise
      const sameAs = Object.fromEntries(Object.entries(found).map(([name, list]) => [name, list[0]!]));
      props.onChoice({ parentId: info.officeUnitId, sameAs });
      props.onCreate(new Set(props.unknown.filter((u) => !(u in sameAs))));
    })().catch(() => {});
    return () => void (live = false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const setSame = (name: string, meant: string | null) => {
    const sameAs = { ...props.choice.sameAs };
    if (meant === null) delete sameAs[name];
    else sameAs[name] = meant;
    props.onChoice({ ...props.choice, sameAs });
    const next = new Set(props.create);
    if (meant === null) next.add(name);
    else next.delete(name);
    props.onCreate(next);
  };
  const toggle = (name: string, on: boolean) => {
    const next = new Set(props.create);
    if (on) next.add(name);
    else next.delete(name);
    props.onCreate(next);
  };
  const creating = props.unknown.some((u) => props.create.has(u) && !(u in props.choice.sameAs));
  return (
    <div className="import-units" data-testid="import-units">
      <h3>组织架构中没有的单位</h3>
      {props.unknown.map((u) =>
        similar[u] ? (
          <div key={u} className="unit-suggest" role="radiogroup" aria-label={`“${u}”怎样处理`}>
            <div>
              “{u}”<span className="muted small">与已有单位名称相近，是否写错了？</span>
            </div>
            {similar[u]!.map((s) => (
              <label key={s} className="check">
                <input type="radio" name={`unit-${u}`} checked={props.choice.sameAs[u] === s} onChange={() => setSame(u, s)} />
                就是已有的“{s}”
              </label>
            ))}
            <label className="check">
              <input type="radio" name={`unit-${u}`} checked={!(u in props.choice.sameAs)} onChange={() => setSame(u, null)} />
              新建“{u}”
            </label>
          </div>
        ) : (
          <label key={u} className="check">
            <input type="checkbox" checked={props.create.has(u)} onChange={(e) => toggle(u, e.target.checked)} />
            创建“{u}”
          </label>
        ),
      )}
      <label className="field">
        <span>新建的单位放在</span>
        <select aria-label="新建的单位放在" value={props.choice.parentId ?? ''} disabled={!creating} onChange={(e) => props.onChoice({ ...props.choice, parentId: e.target.value ? Number(e.target.value) : null })}>
          <option value="">组织架构最上级</option>
          {flattenTree(units).map((n) => (
            <option key={n.unit.id} value={n.unit.id}>
              {'　'.repeat(n.depth)}
              {n.unit.name} 之下
            </option>
          ))}
        </select>
      </label>
      <p className="muted small">{props.note}</p>
    </div>
  );
}
