/**
 * The one Content-Security-Policy for the renderer, wherever it is served from (the app://
 * protocol in Electron, the loopback bridge in tests). No remote origin, no inline script.
 * Inline *styles* are allowed: AG Grid's theming and React's style attributes need them.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
