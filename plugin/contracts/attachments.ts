import { z } from 'zod';
import type { Message } from './entities';
import { clientIdField, optionalText } from './fields';
import { agentRoute } from './route';
import { VISITOR_ROUTES } from './visitor-routes';

/** File types an attachment may have; the server checks the file's signature, not only its declared type. */
export const ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
] as const;

export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/**
 * POST /api/livechat/conversations/:id/attachments (visitor) and POST /livechat/conversations/:id/attachments
 * (agent): multipart with the file in `file` and these text fields; answers the stored message.
 */
export namespace SendAttachment {
  export const routes = {
    visitor: VISITOR_ROUTES.sendAttachment,
    agent: agentRoute<Response, FormData>()('POST', '/conversations/:id/attachments', 'reply'),
  };
  export const fields = (maxLength: number) =>
    z.object({ clientId: clientIdField, text: optionalText(maxLength) }).strict();
  export type Request = { clientId: string; text?: string };
  export type Response = Message;
}
