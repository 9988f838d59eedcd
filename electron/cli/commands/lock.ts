import fs from 'node:fs';
import path from 'node:path';
import { contract } from '../../../shared/contract';
import type { PasswordSaved } from '../../../shared/contract/lock';
import { ApiError } from '../../../shared/contract/define';
import { BackendHost } from '../../backend/host';
import { RECOVERY_FILE } from '../../backend/lock/recovery-file';
import { EXIT, PASSWORD_VARIABLE, UsageError, passwordFromEnv, printResult, requireDb, type Command } from '../io';

/** The password on standard input: its first line, as typed (only the line ending is dropped). */
function firstLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? '';
}

export const lockSetCommand: Command = {
  path: ['lock', 'set'],
  summary: `lock set --db F --password-stdin [--json]   设置（或更改）启动密码并加密数据文件；已有密码时当前密码取自环境变量 ${PASSWORD_VARIABLE}`,
  options: { 'password-stdin': { type: 'boolean', default: false } },
  async run({ values }, io) {
    const file = requireDb(values);
    if (!values['password-stdin']) throw new UsageError('请用 --password-stdin 从标准输入给出新密码（密码不应出现在命令行上）');
    if (!fs.existsSync(file)) throw new ApiError('NOT_FOUND', `数据文件“${file}”不存在`);
    if (!io.readStdin) throw new UsageError('无法读取标准输入');
    const password = firstLine(await io.readStdin());
    const input = contract['lock.setPassword'].input.safeParse({ password, idleMinutes: 0 });
    if (!input.success) throw new ApiError('VALIDATION', input.error.issues[0]?.message ?? '密码无效');
    const current = passwordFromEnv(io);
    const host = new BackendHost(path.resolve(file));
    try {
      const call = async <T>(method: string, arg: unknown): Promise<T> => {
        const env = await host.dispatch(method, arg);
        if (!env.ok) throw new ApiError(env.error.code, env.error.message);
        return env.value as T;
      };
      const status = await call<{ enabled: boolean; locked: boolean; idleMinutes: number }>('lock.status', {});
      if (status.enabled && !current) throw new ApiError('PASSWORD_REQUIRED', `数据文件已设密码：请在环境变量 ${PASSWORD_VARIABLE} 中给出当前密码。未做任何改动。`);
      // a file with an old-style password (not yet encrypted) opens locked: the current password unlocks it
      if (status.locked) await call('lock.unlock', { password: current });
      const idleMinutes = (await call<{ idleMinutes: number }>('lock.status', {})).idleMinutes;
      const saved = await call<PasswordSaved>('lock.setPassword', { ...(status.enabled ? { current } : {}), password, idleMinutes });
      const recoveryFile = path.join(path.dirname(path.resolve(file)), RECOVERY_FILE);
      printResult(io, Boolean(values.json), { db: file, encrypted: saved.encrypted, recoveryKey: saved.recoveryKey, recoveryFile }, () =>
        [
          `已${status.enabled ? '更改密码' : '设置密码'}，数据文件已加密：${file}`,
          ...(saved.recoveryKey
            ? [
                '',
                `恢复密钥（只显示这一次，请打印或抄写后妥善保管）：`,
                `  ${saved.recoveryKey}`,
                '',
                `忘记密码时，凭恢复密钥和数据文件旁的 ${RECOVERY_FILE} 才能打开数据文件。密码和恢复密钥都丢失时，数据无法找回。`,
              ]
            : []),
          `以后运行其他命令时，请在环境变量 ${PASSWORD_VARIABLE} 中给出密码。`,
        ].join('\n'),
      );
      return EXIT.ok;
    } finally {
      host.close();
    }
  },
};
