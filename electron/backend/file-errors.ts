import { ApiError } from '../../shared/contract/define';
import { ErrorCode } from './errors';

/**
 * Why a file operation failed, in the clerk's words, from Node's error code (a USB stick pulled
 * out, a full disk, a file open in WPS); null when the error is not a file-system one.
 */
export function fileProblem(err: unknown): string | null {
  switch ((err as { code?: unknown } | null)?.code) {
    case 'ENOENT':
      return '文件或文件夹不存在（可能已被移动、改名，或所在的U盘已拔出）';
    case 'ENOTDIR':
    case 'EEXIST':
      return '路径中有一个同名的文件挡住了要用的文件夹，或已有同名的文件';
    case 'EACCES':
    case 'EPERM':
      return '没有权限（文件或文件夹可能是只读的，或正被其他程序使用）';
    case 'EBUSY':
      return '文件正被其他程序（如 Excel、WPS）占用，请先关闭它';
    case 'EROFS':
      return '所在磁盘是只读的';
    case 'ENOSPC':
    case 'EDQUOT':
      return '磁盘空间不足';
    case 'EIO':
    case 'ENXIO':
    case 'ENODEV':
      return '读写出错，磁盘或U盘可能已被移除';
    case 'EISDIR':
      return '这是一个文件夹，不是文件';
    case 'ENAMETOOLONG':
      return '文件路径太长，请换一个短一些的位置';
    case 'EMFILE':
    case 'ENFILE':
      return '同时打开的文件过多，请稍后重试';
    default:
      return null;
  }
}

/** A file-system failure as the refusal the user reads (naming the path when Node gives one); null for anything else. */
export function fromFileError(err: unknown): ApiError | null {
  const problem = fileProblem(err);
  if (!problem) return null;
  const where = (err as { path?: unknown }).path;
  return new ApiError(ErrorCode.fileIo, typeof where === 'string' ? `操作未完成：“${where}”：${problem}。` : `操作未完成：${problem}。`);
}
