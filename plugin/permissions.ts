import { PLUGIN_ID } from './id';

/** Permission actions the plugin registers with the Strapi admin (short names, as registered). */
export const ACTIONS = {
  read: 'conversations.read',
  readAll: 'conversations.read-all',
  reply: 'conversations.reply',
  assign: 'conversations.assign',
  export: 'conversations.export',
  manageSettings: 'settings.manage',
  manageKnowledge: 'knowledge.manage',
} as const;

export type ActionKey = keyof typeof ACTIONS;

/** Display names shown in Settings → Roles. */
export const ACTION_LABELS: Record<ActionKey, string> = {
  read: 'Read queue and own conversations',
  readAll: 'Read all conversations',
  reply: 'Reply, take and end conversations',
  assign: 'Assign and transfer to others',
  export: 'Export transcripts and reports',
  manageSettings: 'Manage settings, teams, canned messages',
  manageKnowledge: 'Manage knowledge and failed responses',
};

/** The full action id Strapi checks, e.g. `plugin::livechat.conversations.read`. */
export const actionId = (key: ActionKey) => `plugin::${PLUGIN_ID}.${ACTIONS[key]}`;
