import { useRef, useState } from 'react';

/** Choose a file with the button or drop it on the area. */
export function FileDrop(props: { onFile: (file: File) => void; disabled?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  return (
    <div
      className={over ? 'file-drop over' : 'file-drop'}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const f = e.dataTransfer.files[0];
        if (f && !props.disabled) props.onFile(f);
      }}
    >
      <p>把 Excel 或 CSV 文件拖到这里，或</p>
      <button className="primary" disabled={props.disabled} onClick={() => input.current?.click()}>
        选择文件…
      </button>
      <input
        ref={input}
        type="file"
        hidden
        aria-label="选择要导入的文件"
        accept=".xlsx,.csv,.xls,.et,.txt"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) props.onFile(f);
        }}
      />
      <p className="muted small">支持 .xlsx 和旧版 .xls（Excel、WPS 保存）以及 .csv（UTF-8 或 GBK 编码）。</p>
    </div>
  );
}
