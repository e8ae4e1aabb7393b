import {
  AcceptEscalation,
  AddNote,
  AddToKnowledgeBase,
  AgentSendMessage,
  AssignConversation,
  Availability,
  BroadcastFollowUp,
  CancelEscalation,
  CloseFailedResponse,
  ContactJourney,
  ConversationHint,
  DeleteContact,
  EndConversation,
  EndVisitorConversation,
  Escalate,
  ExportReport,
  ExportTranscript,
  GetContact,
  GetConversation,
  GetDeskSettings,
  GetFailedResponse,
  GetKnowledgeStatus,
  GetQueuePosition,
  GetVisitorConversation,
  GiveFeedback,
  IdentifyVisitor,
  InstallInstructions,
  LeaveOfflineMessage,
  ListAgents,
  ListConversationMessages,
  ListConversations,
  ListEscalations,
  ListFailedResponses,
  ListMessages,
  ListNotes,
  ListOnlineAgents,
  ListVisitorConversations,
  MapToKnowledgeEntry,
  MarkConversationRead,
  MarkConversationReadByAgent,
  PickConversation,
  RateConversation,
  RecordPageView,
  RejectEscalation,
  ReopenConversation,
  ReportSummary,
  RequestHuman,
  ResumeSession,
  SaveCannedMessage,
  SaveEndReason,
  SaveReplyToKnowledge,
  SaveTag,
  SaveTeam,
  SearchKnowledgeEntries,
  SendAttachment,
  SendMessage,
  SetConversationTags,
  StartAgentConversation,
  StartConversation,
  StartKnowledgeReindex,
  StartSession,
  TakeOverConversation,
  TransferConversation,
  Unsubscribe,
  UpdateContact,
  UpdateDeskSettings,
  UpdateVisitorContact,
  WidgetConfig,
  WidgetScript,
  type Route,
} from '../../plugin/contracts';
import { actionId } from '../../plugin/permissions';

/**
 * A contract's route as Strapi mounts it, with the handler that serves it. Agent routes need an admin
 * login and the route's permission (Strapi's `hasPermissions` demands all of its actions, so a route open
 * to any of several leaves the check to its controller); visitor routes need no login: the controller
 * checks the visitor token.
 */
export function mount(route: Route, handler: string) {
  const { method, path, access } = route;
  if (access.kind === 'visitor') return { method, path, handler, config: { auth: false as const, policies: [] } };
  const permission =
    access.kind === 'permission'
      ? [{ name: 'admin::hasPermissions', config: { actions: [actionId(access.permission)] } }]
      : [];
  return { method, path, handler, config: { policies: ['admin::isAuthenticatedAdmin', ...permission] } };
}

/** The four routes of a settings collection, served by the controller of the same name. */
const collection = (routes: Record<'list' | 'create' | 'update' | 'remove', Route>, controller: string) => [
  mount(routes.list, `${controller}.list`),
  mount(routes.create, `${controller}.create`),
  mount(routes.update, `${controller}.update`),
  mount(routes.remove, `${controller}.remove`),
];

/** Admin API: mounted by Strapi under `/livechat/…`, for agents signed in to the admin. */
const admin = {
  type: 'admin' as const,
  routes: [
    mount(ListConversations.route, 'conversations.list'),
    mount(StartAgentConversation.route, 'conversations.start'),
    // Before `/conversations/:id`, which would otherwise take `report.csv` for an id.
    mount(ExportReport.route, 'exports.report'),
    mount(GetConversation.route, 'conversations.get'),
    mount(ExportTranscript.route, 'exports.transcript'),
    mount(SendAttachment.routes.agent, 'attachments.agent'),
    mount(ListConversationMessages.route, 'conversations.listMessages'),
    mount(MarkConversationReadByAgent.route, 'conversations.markRead'),
    mount(AgentSendMessage.route, 'conversations.sendMessage'),
    mount(PickConversation.route, 'conversations.pick'),
    mount(TakeOverConversation.route, 'conversations.takeOver'),
    mount(AssignConversation.route, 'conversations.assign'),
    mount(TransferConversation.route, 'conversations.transfer'),
    mount(EndConversation.route, 'conversations.end'),
    mount(ReopenConversation.route, 'conversations.reopen'),
    mount(SetConversationTags.route, 'conversations.setTags'),
    mount(ListNotes.route, 'conversations.listNotes'),
    mount(AddNote.route, 'conversations.addNote'),
    mount(Escalate.route, 'conversations.escalate'),
    mount(ListEscalations.route, 'escalations.list'),
    mount(AcceptEscalation.route, 'escalations.accept'),
    mount(RejectEscalation.route, 'escalations.reject'),
    mount(CancelEscalation.route, 'escalations.cancel'),
    mount(GetContact.route, 'contacts.get'),
    mount(UpdateContact.route, 'contacts.update'),
    mount(ContactJourney.route, 'contacts.journey'),
    mount(DeleteContact.route, 'contacts.remove'),
    mount(ListAgents.route, 'agents.list'),
    mount(ListOnlineAgents.route, 'agents.online'),
    mount(ReportSummary.route, 'reports.summary'),
    mount(ConversationHint.route, 'hints.get'),
    mount(ListFailedResponses.route, 'failed-responses.list'),
    mount(GetFailedResponse.route, 'failed-responses.get'),
    mount(AddToKnowledgeBase.route, 'failed-responses.addKnowledgeEntry'),
    // Whoever may turn failed responses into knowledge may turn an agent's reply into a draft entry.
    mount(SaveReplyToKnowledge.route, 'failed-responses.saveReply'),
    mount(MapToKnowledgeEntry.route, 'failed-responses.map'),
    mount(CloseFailedResponse.routes.resolve, 'failed-responses.resolve'),
    mount(CloseFailedResponse.routes.dismiss, 'failed-responses.dismiss'),
    mount(BroadcastFollowUp.route, 'failed-responses.broadcast'),
    mount(SearchKnowledgeEntries.route, 'failed-responses.searchEntries'),
    // Agents see it in the inbox; editors who only manage knowledge see it on the Failed responses page.
    mount(GetKnowledgeStatus.route, 'knowledge.status'),
    mount(StartKnowledgeReindex.route, 'knowledge.reindex'),
    mount(GetDeskSettings.route, 'desk-settings.get'),
    mount(InstallInstructions.route, 'desk-settings.install'),
    mount(UpdateDeskSettings.route, 'desk-settings.update'),
    ...collection(SaveTag.routes, 'tags'),
    ...collection(SaveCannedMessage.routes, 'canned-messages'),
    ...collection(SaveEndReason.routes, 'end-reasons'),
    ...collection(SaveTeam.routes, 'teams'),
  ],
};

/** Visitor API: mounted by Strapi under `/api/livechat/…`. */
const contentApi = {
  type: 'content-api' as const,
  routes: [
    mount(StartSession.route, 'visitor.startSession'),
    mount(Availability.route, 'visitor.availability'),
    mount(WidgetConfig.route, 'desk-settings.widgetConfig'),
    mount(ListVisitorConversations.route, 'visitor.listConversations'),
    mount(StartConversation.route, 'visitor.startConversation'),
    mount(GetVisitorConversation.route, 'visitor.getConversation'),
    mount(ListMessages.route, 'visitor.listMessages'),
    mount(SendMessage.route, 'visitor.sendMessage'),
    mount(MarkConversationRead.route, 'visitor.markRead'),
    mount(GiveFeedback.route, 'visitor.feedback'),
    mount(SendAttachment.routes.visitor, 'attachments.visitor'),
    mount(GetQueuePosition.route, 'queue.position'),
    mount(RequestHuman.route, 'visitor.requestHuman'),
    mount(EndVisitorConversation.route, 'visitor.end'),
    mount(RateConversation.route, 'visitor.rate'),
    mount(LeaveOfflineMessage.route, 'visitor.leaveOfflineMessage'),
    mount(WidgetScript.route, 'widget.script'),
    mount(ResumeSession.route, 'follow-ups.resume'),
    mount(UpdateVisitorContact.route, 'follow-ups.updateContact'),
    mount(IdentifyVisitor.route, 'visitor.identify'),
    mount(RecordPageView.route, 'visitor.recordPage'),
    mount(Unsubscribe.routes.page, 'follow-ups.unsubscribe'),
    mount(Unsubscribe.routes.confirm, 'follow-ups.confirmUnsubscribe'),
  ],
};

export default { admin, 'content-api': contentApi };
