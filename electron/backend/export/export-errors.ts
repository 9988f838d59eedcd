import { ApiError } from '../../../shared/contract/define';
import { fileProblem } from '../file-errors';

/** Codes of the exporter's refusals; the message the user reads is Chinese. */
export const ExportErrorCode = {
  cancelled: 'CANCELLED',
  io: 'EXPORT_IO',
  invalid: 'VALIDATION',
  notFound: 'NOT_FOUND',
} as const;

export const exportCancelled = () => new ApiError(ExportErrorCode.cancelled, '导出已取消，未生成文件');

/** File-system failures named for the user; null for anything that is not one. */
export function fileError(err: unknown, file: string): ApiError | null {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new ApiError(ExportErrorCode.io, `保存位置不存在：${file}`);
    case 'EACCES':
    case 'EPERM':
    case 'EBUSY':
      return new ApiError(ExportErrorCode.io, `无法写入“${file}”：文件可能正被其他程序（如 Excel、WPS）打开，或没有写入权限。请关闭该文件或换一个位置后重试`);
    case 'EROFS':
      return new ApiError(ExportErrorCode.io, `无法写入“${file}”：所在磁盘是只读的`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new ApiError(ExportErrorCode.io, `磁盘空间不足，未能保存“${file}”`);
    case 'EIO':
    case 'ENXIO':
      return new ApiError(ExportErrorCode.io, `写入“${file}”时出错：磁盘或U盘可能已被移除`);
    case 'EISDIR':
      return new ApiError(ExportErrorCode.io, `“${file}”是一个文件夹，请另选文件名`);
    default: {
      const problem = fileProblem(err);
      return problem ? new ApiError(ExportErrorCode.io, `未能保存“${file}”：${problem}`) : null;
    }
  }
}
