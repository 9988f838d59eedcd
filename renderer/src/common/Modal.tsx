import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

/** A modal dialog: Esc closes it, focus starts inside it, the page behind is inert. */
export function Modal(props: { title: string; onClose: () => void; children: ReactNode; footer?: ReactNode; width?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const first = ref.current?.querySelector<HTMLElement>('input, select, textarea, button.primary, button');
    first?.focus();
  }, []);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        ref={ref}
        style={props.width ? { width: props.width } : undefined}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            props.onClose();
          }
        }}
      >
        <div className="modal-title">{props.title}</div>
        <div className="modal-body">{props.children}</div>
        {props.footer && <div className="modal-footer">{props.footer}</div>}
      </div>
    </div>
  );
}

/** A yes/no question; the safe answer (取消) is the default. */
export function ConfirmDialog(props: { title: string; message: ReactNode; confirmLabel: string; danger?: boolean; onConfirm: () => void; onCancel: () => void }) {
  return (
    <Modal
      title={props.title}
      onClose={props.onCancel}
      footer={
        <>
          <button onClick={props.onCancel} autoFocus>
            取消
          </button>
          <button className={props.danger ? 'danger' : 'primary'} onClick={props.onConfirm}>
            {props.confirmLabel}
          </button>
        </>
      }
    >
      {props.message}
    </Modal>
  );
}

/**
 * Enter in a one-line box does the dialog's action, as in any dialog on Windows — but not
 * while a Chinese IME is composing (Enter commits the pinyin there), nor in a box with a
 * suggestion list, a checkbox or a radio button, nor when the box used the key itself.
 */
function submitsOnEnter(e: KeyboardEvent<HTMLDivElement>): boolean {
  const t = e.target;
  return e.key === 'Enter' && !e.nativeEvent.isComposing && !e.defaultPrevented && t instanceof HTMLInputElement && t.list === null && t.type !== 'checkbox' && t.type !== 'radio';
}

/**
 * A dialog that asks for something and does it: 取消 and one action. Whatever the action
 * throws (a check of our own or the backend's refusal) is shown in the dialog, which stays
 * open with everything typed; the action button is off while the call runs.
 */
export function FormDialog(props: { title: string; submitLabel?: string; width?: number; onClose: () => void; onSubmit: () => Promise<unknown> | unknown; children: ReactNode }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={props.title}
      onClose={props.onClose}
      {...(props.width ? { width: props.width } : {})}
      footer={
        <>
          <button onClick={props.onClose}>取消</button>
          <button className="primary" disabled={busy} onClick={() => void submit()}>
            {props.submitLabel ?? '确定'}
          </button>
        </>
      }
    >
      <div onKeyDown={(e) => submitsOnEnter(e) && !busy && void submit()}>{props.children}</div>
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
    </Modal>
  );
}
