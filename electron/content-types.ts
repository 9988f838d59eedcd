import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/** Content type of a built renderer file, for both the app:// protocol and the loopback bridge. */
export function contentType(file: string): string {
  return TYPES[path.extname(file)] ?? 'application/octet-stream';
}
