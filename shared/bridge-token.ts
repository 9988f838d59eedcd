/**
 * The loopback bridge's access token (browser tests and `npm run dev:browser` only; the desktop
 * app uses IPC). A new random token each time the bridge starts; the address it prints carries
 * it after `#`, which the browser never sends to a server; the page keeps it for its tab and
 * sends it with every API call. A local process that did not start the bridge cannot know it.
 */
export const BRIDGE_TOKEN_HEADER = 'x-ledgerdesk-token';
export const BRIDGE_TOKEN_PARAM = 'token';

/** What the bridge answers to an API call without the right token. */
export const BRIDGE_TOKEN_REFUSED = '拒绝访问：缺少访问令牌或令牌不对。请用启动时显示的完整地址（含 #token=…）打开本页。';
