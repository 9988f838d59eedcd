import { useCallback, useEffect, useRef, useState } from 'react';
import { sizeText, type Attachment, type AttachmentOwner } from '../../../shared/contract/attachments';
import { api, errorMessage, host } from '../api';
import { downloadBase64, stageFile } from '../common/files';
import { localTime } from '../common/format';
import { useStatus } from '../common/status';
import './attachments.css';

/**
 * 附件 of a ledger record or a task: listed, added (the native open dialog in the desktop app,
 * a file chosen in the page in a browser tab), opened with the system viewer, removed with undo.
 * `onChanged` lets the owner refresh its history, where each change is logged.
 */
export function AttachmentList(props: { owner: AttachmentOwner; ownerId: number; readOnly?: boolean; onChanged?: () => void }) {
  const { owner, ownerId } = props;
  const [items, setItems] = useState<Attachment[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [removed, setRemoved] = useState<Attachment | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const { notify } = useStatus();

  const load = useCallback(() => {
    api.attachments.list({ owner, ownerId }).then(setItems, (err) => {
      setItems([]);
      notify(errorMessage(err), 'error');
    });
  }, [owner, ownerId, notify]);
  useEffect(() => {
    setRemoved(null);
    load();
  }, [load]);

  const changed = () => {
    load();
    props.onChanged?.();
  };

  const addPaths = async (files: { path: string; fileName?: string }[]) => {
    if (files.length === 0) return;
    setBusy(true);
    const added: string[] = [];
    try {
      for (const f of files) {
        const a = await api.attachments.add({ owner, ownerId, path: f.path, ...(f.fileName ? { fileName: f.fileName } : {}) });
        added.push(a.fileName);
      }
      notify(`已添加附件：${added.join('、')}`, 'success');
    } catch (err) {
      notify(`${added.length ? `已添加 ${added.join('、')}；` : ''}未添加：${errorMessage(err)}`, 'error');
    } finally {
      setBusy(false);
      changed();
    }
  };

  const pick = async () => {
    // the desktop app copies straight from where the file is; a browser tab uploads it first
    if (host) await addPaths((await host.pickOpenPaths({ title: '选择附件', multiple: true })).map((p) => ({ path: p })));
    else input.current?.click();
  };

  const onInput = async (list: FileList | null) => {
    const files = [...(list ?? [])];
    if (files.length === 0) return;
    setBusy(true);
    try {
      const staged = [];
      for (const f of files) staged.push({ path: (await stageFile(f)).path, fileName: f.name });
      await addPaths(staged);
    } catch (err) {
      notify(`未添加：${errorMessage(err)}`, 'error');
      setBusy(false);
    }
  };

  const open = async (a: Attachment) => {
    try {
      if (host) {
        // a file that is not a document or image is only shown in its folder, never started
        const problem = a.openable ? await host.openAttachment(a.id) : await host.revealAttachment(a.id);
        if (problem) notify(problem, 'error');
        return;
      }
      const file = await api.attachments.download({ id: a.id });
      downloadBase64(file.fileName, file.dataBase64, 'application/octet-stream');
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  };

  const remove = async (a: Attachment) => {
    try {
      await api.attachments.remove({ id: a.id });
      setRemoved(a);
      notify(`已移除附件“${a.fileName}”`, 'success');
      changed();
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  };

  const undoRemove = async () => {
    if (!removed) return;
    try {
      await api.attachments.restore({ id: removed.id });
      notify(`已恢复附件“${removed.fileName}”`, 'success');
      setRemoved(null);
      changed();
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  };

  return (
    <section className="attachments" role="region" aria-label="附件">
      <div className="attachments-head">
        <h3>附件{items && items.length > 0 ? `（${items.length}）` : ''}</h3>
        {!props.readOnly && (
          <button className="link" onClick={() => void pick()} disabled={busy}>
            {busy ? '正在添加…' : '＋ 添加附件'}
          </button>
        )}
        <input ref={input} type="file" multiple hidden aria-label="选择附件文件" onChange={(e) => void onInput(e.target.files).finally(() => (e.target.value = ''))} />
      </div>
      {items === null ? null : items.length === 0 ? (
        <div className="muted small">没有附件{props.readOnly ? '' : '：可添加整改报告、照片、会议记录等文件（单个文件不超过 200 MB）'}</div>
      ) : (
        <ul className="attachment-list" data-testid="attachment-list">
          {items.map((a) => (
            <li key={a.id}>
              {a.openable || !host ? (
                <button className="link attachment-name" title={`${host ? '用系统默认程序打开' : '下载'}：${a.fileName}`} onClick={() => void open(a)}>
                  {a.fileName}
                </button>
              ) : (
                <>
                  <span className="attachment-name attachment-blocked" title="不是文档或图片：为安全起见不直接打开">
                    {a.fileName}
                  </span>
                  <button className="link" onClick={() => void open(a)}>
                    在文件夹中显示
                  </button>
                </>
              )}
              {a.nameMismatch && (
                <span className="attachment-warning" role="note">
                  名称与实际文件类型不符：实际是 {a.storedType ? a.storedType.slice(1).toUpperCase() : '无扩展名的'} 文件
                </span>
              )}
              <span className="muted small" title={`SHA-256 ${a.sha256}`}>
                {sizeText(a.size)} · {localTime(a.addedAt)} · {a.actor}
              </span>
              {!props.readOnly && (
                <button className="link danger-text" aria-label={`移除附件“${a.fileName}”`} onClick={() => void remove(a)}>
                  移除
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {removed && (
        <div className="muted small">
          已移除“{removed.fileName}”
          <button className="link" onClick={() => void undoRemove()}>
            撤销
          </button>
        </div>
      )}
    </section>
  );
}
