import { app, session, type WebContents } from 'electron';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://ledgerdesk`;

/** Only our own pages, devtools, and inline data may be loaded; no network at all. */
export function isAllowedUrl(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`) || url.startsWith('devtools://') || url.startsWith('data:') || url.startsWith('blob:');
}

/**
 * Security defaults for every web contents: no navigation, no redirects, no new windows,
 * no <webview>, no permissions, no request to anything but the app's own files.
 */
export function hardenSessions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedUrl(details.url) }));

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (e, url) => {
      if (url !== contents.getURL()) e.preventDefault();
    });
    contents.on('will-redirect', (e) => e.preventDefault());
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** IPC is answered only for our own top-level page. */
export function isTrustedSender(frameUrl: string | undefined): boolean {
  return typeof frameUrl === 'string' && frameUrl.startsWith(`${APP_ORIGIN}/`);
}
