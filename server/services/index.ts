import agents from './agents';
import attachments from './attachments';
import bot from './bot';
import capacity from './capacity';
import contacts from './contacts';
import conversations from './conversations';
import deskSettings from './desk-settings';
import escalations from './escalations';
import events from './events';
import exportsService from './exports';
import failedResponses from './failed-responses';
import feedback from './feedback';
import followUps from './follow-ups';
import hints from './hints';
import inactivity from './inactivity';
import journey from './journey';
import knowledge from './knowledge';
import messages from './messages';
import notes from './notes';
import offlineRequests from './offline-requests';
import presence from './presence';
import queue from './queue';
import rateLimits from './rate-limits';
import reports from './reports';
import routing from './routing';
import settings from './settings';
import visitorTokens from './visitor-tokens';

export default {
  agents,
  attachments,
  bot,
  capacity,
  contacts,
  conversations,
  'desk-settings': deskSettings,
  escalations,
  events,
  exports: exportsService,
  'failed-responses': failedResponses,
  feedback,
  'follow-ups': followUps,
  hints,
  inactivity,
  journey,
  knowledge,
  messages,
  notes,
  'offline-requests': offlineRequests,
  presence,
  queue,
  'rate-limits': rateLimits,
  reports,
  routing,
  settings,
  'visitor-tokens': visitorTokens,
};
