import type { ImportPreview } from '../../../shared/contract/imports';

/** Source column → field: corrected here, remembered for the next file with the same header. */
export function MappingEditor(props: { preview: ImportPreview; onChange: (mapping: Record<string, string>) => void; disabled?: boolean }) {
  const { preview } = props;
  const taken = new Map(Object.entries(preview.mapping).map(([col, key]) => [key, col]));
  return (
    <table className="mapping">
      <thead>
        <tr>
          <th>文件中的列</th>
          <th>导入为</th>
        </tr>
      </thead>
      <tbody>
        {preview.columns.map((col) => (
          <tr key={col}>
            <td>{col}</td>
            <td>
              <select
                aria-label={`“${col}”导入为`}
                disabled={props.disabled}
                value={preview.mapping[col] ?? ''}
                onChange={(e) => {
                  const next: Record<string, string> = {};
                  for (const c of preview.columns) {
                    const key = c === col ? e.target.value : preview.mapping[c];
                    // a field is filled from one column: taking it here frees it elsewhere
                    if (key && !(c !== col && key === e.target.value)) next[c] = key;
                  }
                  props.onChange(next);
                }}
              >
                <option value="">（不导入）</option>
                {preview.fields.map((f) => (
                  <option key={f.key} value={f.key}>
                    {f.label}
                    {f.required ? ' *' : ''}
                    {taken.has(f.key) && taken.get(f.key) !== col ? `（已由“${taken.get(f.key)}”导入）` : ''}
                  </option>
                ))}
              </select>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
