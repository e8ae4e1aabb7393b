import attachments from './attachments';
import contacts from './contacts';
import conversations from './conversations';
import deskSettings from './desk-settings';
import escalations from './escalations';
import exportsController from './exports';
import failedResponses from './failed-responses';
import followUps from './follow-ups';
import hints from './hints';
import knowledge from './knowledge';
import queue from './queue';
import reports from './reports';
import { agents, cannedMessages, endReasons, tags, teams } from './settings';
import visitor from './visitor';
import widget from './widget';

export default {
  visitor,
  conversations,
  escalations,
  contacts,
  tags,
  'canned-messages': cannedMessages,
  'end-reasons': endReasons,
  teams,
  agents,
  'desk-settings': deskSettings,
  'follow-ups': followUps,
  'failed-responses': failedResponses,
  hints,
  knowledge,
  attachments,
  exports: exportsController,
  queue,
  reports,
  widget,
};
