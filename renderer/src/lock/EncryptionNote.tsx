import { useLock } from './LockGate';

/** One line on the 数据安全 page: whether the data file and its backups are encrypted, in plain words. */
export function EncryptionNote() {
  const { status } = useLock();
  if (!status) return null;
  return (
    <p className="encryption-note" data-testid="encryption-note">
      {status.encrypted
        ? '已设置密码：数据文件和设置密码之后的每一份备份都已加密，没有密码（或恢复密钥）打不开。设置密码之前的备份和附件文件没有加密。'
        : '未设置密码：数据文件和备份都没有加密，复制走就能读出内容。需要保护时，请点右上角“设置密码…”。'}
    </p>
  );
}
