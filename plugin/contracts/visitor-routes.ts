// The visitor API's routes in one module without zod, so the widget and the headless client can build their
// requests from the contracts without bundling the server's validation. Each contract namespace's `route`
// is the entry here; the types come from those namespaces.
import { visitorRoute } from './route';
import type { SendAttachment } from './attachments';
import type { VisitorConversation } from './entities';
import type { GetQueuePosition } from './routing';
import type { WidgetConfig } from './settings';
import type {
  Availability,
  GiveFeedback,
  IdentifyVisitor,
  LeaveOfflineMessage,
  ListMessages,
  ListVisitorConversations,
  MarkConversationRead,
  RateConversation,
  RecordPageView,
  SendMessage,
  StartConversation,
  StartSession,
} from './visitor';
import type { ResumeSession, Unsubscribe, UpdateVisitorContact } from './widget';

/** The visitor API (`/api/livechat/…`), by contract. */
export const VISITOR_ROUTES = {
  sendAttachment: visitorRoute<SendAttachment.Response, FormData>()('POST', '/conversations/:id/attachments'),
  getQueuePosition: visitorRoute<GetQueuePosition.Response>()('GET', '/conversations/:id/queue'),
  widgetConfig: visitorRoute<WidgetConfig.Response>()('GET', '/widget-config'),
  startSession: visitorRoute<StartSession.Response, StartSession.Request>()('POST', '/sessions'),
  startConversation: visitorRoute<StartConversation.Response, StartConversation.Request>()('POST', '/conversations'),
  leaveOfflineMessage: visitorRoute<LeaveOfflineMessage.Response, LeaveOfflineMessage.Request>()(
    'POST',
    '/offline-requests',
  ),
  listVisitorConversations: visitorRoute<ListVisitorConversations.Response>()('GET', '/conversations'),
  sendMessage: visitorRoute<SendMessage.Response, SendMessage.Request>()('POST', '/conversations/:id/messages'),
  listMessages: visitorRoute<ListMessages.Response, undefined, ListMessages.Request>()(
    'GET',
    '/conversations/:id/messages',
  ),
  markConversationRead: visitorRoute<MarkConversationRead.Response>()('POST', '/conversations/:id/read'),
  rateConversation: visitorRoute<RateConversation.Response, RateConversation.Request>()(
    'POST',
    '/conversations/:id/rating',
  ),
  giveFeedback: visitorRoute<GiveFeedback.Response, GiveFeedback.Request>()(
    'POST',
    '/conversations/:id/messages/:messageId/feedback',
  ),
  availability: visitorRoute<Availability.Response>()('GET', '/availability'),
  identifyVisitor: visitorRoute<IdentifyVisitor.Response, IdentifyVisitor.Request>()('POST', '/identify'),
  recordPageView: visitorRoute<null, RecordPageView.Request>()('POST', '/pages'),
  getVisitorConversation: visitorRoute<VisitorConversation>()('GET', '/conversations/:id'),
  requestHuman: visitorRoute<VisitorConversation>()('POST', '/conversations/:id/human'),
  endVisitorConversation: visitorRoute<VisitorConversation>()('POST', '/conversations/:id/end'),
  resumeSession: visitorRoute<ResumeSession.Response, ResumeSession.Request>()('POST', '/sessions/resume'),
  updateVisitorContact: visitorRoute<UpdateVisitorContact.Response, UpdateVisitorContact.Request>()('PUT', '/contact'),
  unsubscribePage: visitorRoute<string, undefined, Unsubscribe.Request>()('GET', '/unsubscribe'),
  unsubscribeConfirm: visitorRoute<string, undefined, Unsubscribe.Request>()('POST', '/unsubscribe'),
  widgetScript: visitorRoute<string>()('GET', '/widget.js'),
};
