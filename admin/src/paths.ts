import { PLUGIN_ID } from '../../plugin/id';

/** Absolute in-app path of an inbox page, e.g. `inboxPath('conversation', 12)`. */
export const inboxPath = (...parts: Array<string | number>) => `/plugins/${PLUGIN_ID}/${parts.join('/')}`;
