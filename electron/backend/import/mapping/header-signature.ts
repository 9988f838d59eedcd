import { headerKey } from '../shape/header-text';

/**
 * A key for "a file with the same header": the normalised column names in order. The screen
 * stores a corrected mapping under it and offers it again for the next such file.
 */
export function headerSignature(columns: readonly string[]): string {
  return columns.map(headerKey).join('|');
}
