import { actionId, type ActionKey } from '../../plugin/permissions';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** An admin route guarded by one of the plugin's permissions (finer checks happen in the service). */
const agentRoute = (method: Method, path: string, handler: string, permission: ActionKey) => ({
  method,
  path,
  handler,
  config: {
    policies: [
      'admin::isAuthenticatedAdmin',
      { name: 'admin::hasPermissions', config: { actions: [actionId(permission)] } },
    ],
  },
});

/**
 * An admin route open to holders of any one of several permissions: Strapi's `hasPermissions` policy
 * demands all of its actions, so the controller checks which one the agent holds.
 */
const agentRouteForAnyOf = (method: Method, path: string, handler: string) => ({
  method,
  path,
  handler,
  config: { policies: ['admin::isAuthenticatedAdmin'] },
});

/** A visitor route: no Strapi login; the controller checks the visitor token. */
const visitorRoute = (method: Method, path: string, handler: string) => ({
  method,
  path,
  handler,
  config: { auth: false as const, policies: [] },
});

const collection = (path: string, controller: string) => [
  agentRoute('GET', path, `${controller}.list`, 'read'),
  agentRoute('POST', path, `${controller}.create`, 'manageSettings'),
  agentRoute('PUT', `${path}/:id`, `${controller}.update`, 'manageSettings'),
  agentRoute('DELETE', `${path}/:id`, `${controller}.remove`, 'manageSettings'),
];

/** Admin API: mounted by Strapi under `/livechat/…`, for agents signed in to the admin. */
const admin = {
  type: 'admin' as const,
  routes: [
    agentRoute('GET', '/conversations', 'conversations.list', 'read'),
    agentRoute('POST', '/conversations', 'conversations.start', 'reply'),
    // Before `/conversations/:id`, which would otherwise take `report.csv` for an id.
    agentRoute('GET', '/conversations/report.csv', 'exports.report', 'export'),
    agentRoute('GET', '/conversations/:id', 'conversations.get', 'read'),
    agentRoute('GET', '/conversations/:id/transcript.csv', 'exports.transcript', 'export'),
    agentRoute('POST', '/conversations/:id/attachments', 'attachments.agent', 'reply'),
    agentRoute('GET', '/conversations/:id/messages', 'conversations.listMessages', 'read'),
    agentRoute('POST', '/conversations/:id/read', 'conversations.markRead', 'read'),
    agentRoute('POST', '/conversations/:id/messages', 'conversations.sendMessage', 'reply'),
    agentRoute('POST', '/conversations/:id/pick', 'conversations.pick', 'reply'),
    agentRoute('POST', '/conversations/:id/take-over', 'conversations.takeOver', 'reply'),
    agentRoute('POST', '/conversations/:id/assign', 'conversations.assign', 'reply'),
    agentRoute('POST', '/conversations/:id/transfer', 'conversations.transfer', 'reply'),
    agentRoute('POST', '/conversations/:id/end', 'conversations.end', 'reply'),
    agentRoute('POST', '/conversations/:id/reopen', 'conversations.reopen', 'reply'),
    agentRoute('PUT', '/conversations/:id/tags', 'conversations.setTags', 'reply'),
    agentRoute('GET', '/conversations/:id/notes', 'conversations.listNotes', 'read'),
    agentRoute('POST', '/conversations/:id/notes', 'conversations.addNote', 'reply'),
    agentRoute('POST', '/conversations/:id/escalations', 'conversations.escalate', 'reply'),
    agentRoute('GET', '/escalations', 'escalations.list', 'read'),
    agentRoute('POST', '/escalations/:id/accept', 'escalations.accept', 'reply'),
    agentRoute('POST', '/escalations/:id/reject', 'escalations.reject', 'reply'),
    agentRoute('POST', '/escalations/:id/cancel', 'escalations.cancel', 'reply'),
    agentRoute('GET', '/contacts/:id', 'contacts.get', 'read'),
    agentRoute('PUT', '/contacts/:id', 'contacts.update', 'reply'),
    agentRoute('GET', '/contacts/:id/journey', 'contacts.journey', 'read'),
    agentRoute('DELETE', '/contacts/:id', 'contacts.remove', 'manageSettings'),
    agentRoute('GET', '/agents', 'agents.list', 'read'),
    agentRoute('GET', '/agents/online', 'agents.online', 'read'),
    agentRoute('GET', '/reports/summary', 'reports.summary', 'export'),
    agentRoute('GET', '/conversations/:id/hint', 'hints.get', 'read'),
    agentRoute('GET', '/failed-responses', 'failed-responses.list', 'manageKnowledge'),
    agentRoute('GET', '/failed-responses/:id', 'failed-responses.get', 'manageKnowledge'),
    agentRoute(
      'POST',
      '/failed-responses/:id/knowledge-entry',
      'failed-responses.addKnowledgeEntry',
      'manageKnowledge',
    ),
    // Whoever may turn failed responses into knowledge may turn an agent's reply into a draft entry.
    agentRoute('POST', '/conversations/:id/knowledge-entry', 'failed-responses.saveReply', 'manageKnowledge'),
    agentRoute('POST', '/failed-responses/:id/map', 'failed-responses.map', 'manageKnowledge'),
    agentRoute('POST', '/failed-responses/:id/resolve', 'failed-responses.resolve', 'manageKnowledge'),
    agentRoute('POST', '/failed-responses/:id/dismiss', 'failed-responses.dismiss', 'manageKnowledge'),
    agentRoute('POST', '/failed-responses/:id/broadcast', 'failed-responses.broadcast', 'manageKnowledge'),
    agentRoute('GET', '/knowledge-entries', 'failed-responses.searchEntries', 'manageKnowledge'),
    // Agents see it in the inbox; editors who only manage knowledge see it on the Failed responses page.
    agentRouteForAnyOf('GET', '/knowledge/status', 'knowledge.status'),
    agentRoute('POST', '/knowledge/reindex', 'knowledge.reindex', 'manageKnowledge'),
    agentRoute('GET', '/settings', 'desk-settings.get', 'read'),
    agentRoute('PUT', '/settings', 'desk-settings.update', 'manageSettings'),
    ...collection('/tags', 'tags'),
    ...collection('/canned-messages', 'canned-messages'),
    ...collection('/end-reasons', 'end-reasons'),
    ...collection('/teams', 'teams'),
  ],
};

/** Visitor API: mounted by Strapi under `/api/livechat/…`. */
const contentApi = {
  type: 'content-api' as const,
  routes: [
    visitorRoute('POST', '/sessions', 'visitor.startSession'),
    visitorRoute('GET', '/availability', 'visitor.availability'),
    visitorRoute('GET', '/widget-config', 'desk-settings.widgetConfig'),
    visitorRoute('GET', '/conversations', 'visitor.listConversations'),
    visitorRoute('POST', '/conversations', 'visitor.startConversation'),
    visitorRoute('GET', '/conversations/:id', 'visitor.getConversation'),
    visitorRoute('GET', '/conversations/:id/messages', 'visitor.listMessages'),
    visitorRoute('POST', '/conversations/:id/messages', 'visitor.sendMessage'),
    visitorRoute('POST', '/conversations/:id/read', 'visitor.markRead'),
    visitorRoute('POST', '/conversations/:id/messages/:messageId/feedback', 'visitor.feedback'),
    visitorRoute('POST', '/conversations/:id/attachments', 'attachments.visitor'),
    visitorRoute('GET', '/conversations/:id/queue', 'queue.position'),
    visitorRoute('POST', '/conversations/:id/human', 'visitor.requestHuman'),
    visitorRoute('POST', '/conversations/:id/end', 'visitor.end'),
    visitorRoute('POST', '/conversations/:id/rating', 'visitor.rate'),
    visitorRoute('POST', '/offline-requests', 'visitor.leaveOfflineMessage'),
    visitorRoute('GET', '/widget.js', 'widget.script'),
    visitorRoute('POST', '/sessions/resume', 'follow-ups.resume'),
    visitorRoute('PUT', '/contact', 'follow-ups.updateContact'),
    visitorRoute('POST', '/identify', 'visitor.identify'),
    visitorRoute('POST', '/pages', 'visitor.recordPage'),
    visitorRoute('GET', '/unsubscribe', 'follow-ups.unsubscribe'),
    visitorRoute('POST', '/unsubscribe', 'follow-ups.confirmUnsubscribe'),
  ],
};

export default { admin, 'content-api': contentApi };
