import contacts from './contacts';
import conversations from './conversations';
import deskSettings from './desk-settings';
import escalations from './escalations';
import { agents, cannedMessages, endReasons, tags, teams } from './settings';
import visitor from './visitor';

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
};
