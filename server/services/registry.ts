import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../plugin/id';
import type agents from './agents';
import type attachments from './attachments';
import type bot from './bot';
import type contacts from './contacts';
import type conversations from './conversations';
import type deskSettings from './desk-settings';
import type escalations from './escalations';
import type events from './events';
import type exportsService from './exports';
import type failedResponses from './failed-responses';
import type followUps from './follow-ups';
import type hints from './hints';
import type inactivity from './inactivity';
import type journey from './journey';
import type knowledge from './knowledge';
import type messages from './messages';
import type notes from './notes';
import type presence from './presence';
import type queue from './queue';
import type rateLimits from './rate-limits';
import type reports from './reports';
import type routing from './routing';
import type settings from './settings';
import type visitorTokens from './visitor-tokens';

/** The plugin's services by name, with their types, for calls between services, controllers and sockets. */
export interface Services {
  agents: ReturnType<typeof agents>;
  attachments: ReturnType<typeof attachments>;
  bot: ReturnType<typeof bot>;
  contacts: ReturnType<typeof contacts>;
  conversations: ReturnType<typeof conversations>;
  'desk-settings': ReturnType<typeof deskSettings>;
  escalations: ReturnType<typeof escalations>;
  events: ReturnType<typeof events>;
  exports: ReturnType<typeof exportsService>;
  'failed-responses': ReturnType<typeof failedResponses>;
  'follow-ups': ReturnType<typeof followUps>;
  hints: ReturnType<typeof hints>;
  inactivity: ReturnType<typeof inactivity>;
  journey: ReturnType<typeof journey>;
  knowledge: ReturnType<typeof knowledge>;
  messages: ReturnType<typeof messages>;
  notes: ReturnType<typeof notes>;
  presence: ReturnType<typeof presence>;
  queue: ReturnType<typeof queue>;
  'rate-limits': ReturnType<typeof rateLimits>;
  reports: ReturnType<typeof reports>;
  routing: ReturnType<typeof routing>;
  settings: ReturnType<typeof settings>;
  'visitor-tokens': ReturnType<typeof visitorTokens>;
}

/** One of the plugin's services, typed. */
export const service = <Name extends keyof Services>(strapi: Core.Strapi, name: Name): Services[Name] =>
  strapi.plugin(PLUGIN_ID).service(name) as unknown as Services[Name];
