import agents from './agents';
import bot from './bot';
import contacts from './contacts';
import conversations from './conversations';
import deskSettings from './desk-settings';
import escalations from './escalations';
import events from './events';
import failedResponses from './failed-responses';
import journey from './journey';
import knowledge from './knowledge';
import messages from './messages';
import notes from './notes';
import presence from './presence';
import rateLimits from './rate-limits';
import settings from './settings';
import visitorTokens from './visitor-tokens';

export default {
  agents,
  bot,
  contacts,
  conversations,
  'desk-settings': deskSettings,
  escalations,
  events,
  'failed-responses': failedResponses,
  journey,
  knowledge,
  messages,
  notes,
  presence,
  'rate-limits': rateLimits,
  settings,
  'visitor-tokens': visitorTokens,
};
