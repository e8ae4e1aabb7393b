import cannedMessage from '../content-types/canned-message/schema.json';
import contact from '../content-types/contact/schema.json';
import conversation from '../content-types/conversation/schema.json';
import endReason from '../content-types/end-reason/schema.json';
import escalation from '../content-types/escalation/schema.json';
import failedResponse from '../content-types/failed-response/schema.json';
import journeyEvent from '../content-types/journey-event/schema.json';
import knowledgeEntry from '../content-types/knowledge-entry/schema.json';
import message from '../content-types/message/schema.json';
import note from '../content-types/note/schema.json';
import tag from '../content-types/tag/schema.json';
import team from '../content-types/team/schema.json';

/** The plugin's content types, keyed by singular name as Strapi expects. */
export default {
  conversation: { schema: conversation },
  message: { schema: message },
  note: { schema: note },
  tag: { schema: tag },
  'canned-message': { schema: cannedMessage },
  'failed-response': { schema: failedResponse },
  'knowledge-entry': { schema: knowledgeEntry },
  contact: { schema: contact },
  'journey-event': { schema: journeyEvent },
  escalation: { schema: escalation },
  team: { schema: team },
  'end-reason': { schema: endReason },
};
