/** Absolute in-app path of an inbox page, e.g. `inboxPath('conversation', 12)`; emails link to the same pages. */
export { inboxPath } from '../../plugin/id';
