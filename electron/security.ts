import { app, session, type WebContents } from 'electron';
import { APP_ORIGIN, isAllowedUrl, type ShellMode } from './shell-policy';

export { APP_ORIGIN, APP_SCHEME } from './shell-policy';

/**
 * Security defaults for every web contents: no navigation, no redirects, no new windows,
 * no <webview>, no permissions, no request to anything but the app's own files, and no
 * DevTools in an installed build (the window's webPreferences say so too).
 */
export function hardenSessions(mode: ShellMode): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedUrl(details.url, mode) }));

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (e, url) => {
      if (url !== contents.getURL()) e.preventDefault();
    });
    contents.on('will-redirect', (e) => e.preventDefault());
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    if (!mode.devTools) contents.on('devtools-opened', () => contents.closeDevTools());
  });
}

/** IPC is answered only for our own top-level page. */
export function isTrustedSender(frameUrl: string | undefined): boolean {
  return typeof frameUrl === 'string' && frameUrl.startsWith(`${APP_ORIGIN}/`);
}
