import type { CustomFilterProps } from 'ag-grid-react';

/** Filter model of a column of set values: the ticked ones (AG Grid's set filter is Enterprise). */
export interface ChoiceFilterModel {
  filterType: 'choice';
  values: string[];
}

export interface ChoiceFilterParams {
  label: string;
  options: { value: string; color?: string }[];
}

/** Tick the values to show; the grid's model is the truth (a saved view may set it from outside). */
export function ChoiceFilter(props: CustomFilterProps<unknown, unknown, ChoiceFilterModel> & ChoiceFilterParams) {
  const picked = props.model?.values ?? [];
  const apply = (next: string[]) => {
    props.onModelChange(next.length ? { filterType: 'choice', values: next } : null);
    // the infinite row model reads the model as it was before this change: ask once more after it lands
    setTimeout(() => props.api.onFilterChanged());
  };
  return (
    <div className="choice-filter" role="group" aria-label={`筛选${props.label}`}>
      {props.options.map((c) => (
        <label key={c.value} className="check">
          <input type="checkbox" checked={picked.includes(c.value)} onChange={(e) => apply(e.target.checked ? [...picked, c.value] : picked.filter((x) => x !== c.value))} />
          {c.color && <span className="dot" style={{ background: c.color }} />}
          {c.value}
        </label>
      ))}
      <div className="choice-filter-foot">
        <button onClick={() => apply([])} disabled={picked.length === 0}>
          清除
        </button>
      </div>
    </div>
  );
}
