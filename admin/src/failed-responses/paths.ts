import { PLUGIN_ID } from '../../../plugin/id';

/** The menu link's path (relative to the admin root), and the absolute path of a page under it. */
export const FAILED_RESPONSES_LINK = `plugins/${PLUGIN_ID}-failed-responses`;
export const failedResponsesPath = (...parts: Array<string | number>) =>
  ['', FAILED_RESPONSES_LINK, ...parts].join('/');
