import { z } from 'zod';
import type { Contact } from './entities';
import { contactDetailsFields } from './fields';
import { VISITOR_ROUTES } from './visitor-routes';

/** Query parameter of the follow-up email link; the widget exchanges its value for a visitor token. */
export const RESUME_QUERY_PARAM = 'livechat_resume';

/** POST /api/livechat/sessions/resume - exchange the signed link of a follow-up email for a visitor token. */
export namespace ResumeSession {
  export const route = VISITOR_ROUTES.resumeSession;
  export const body = z
    .object({ token: z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(2000) })
    .strict();
  export type Request = z.input<typeof body>;
  export interface Response {
    token: string;
    contact: Pick<Contact, 'id' | 'name' | 'email'>;
    /** The conversation the email was about: the widget opens it. */
    conversationId: number;
  }
}

/** PUT /api/livechat/contact - the visitor gives or corrects their own details (pre-chat and offline forms). */
export namespace UpdateVisitorContact {
  export const route = VISITOR_ROUTES.updateVisitorContact;
  export const body = z
    .object({
      ...contactDetailsFields,
    })
    .strict();
  export type Request = z.input<typeof body>;
  export type Response = Pick<Contact, 'id' | 'name' | 'email' | 'phone'>;
}

/**
 * GET /api/livechat/unsubscribe?token=… - the link in follow-up emails: a confirmation page (changes nothing).
 * POST /api/livechat/unsubscribe?token=… - its form, or a mail client's one-click unsubscribe: unsubscribes.
 * Both answer a small HTML page.
 */
export namespace Unsubscribe {
  export const routes = {
    /** The confirmation page (HTML). */
    page: VISITOR_ROUTES.unsubscribePage,
    confirm: VISITOR_ROUTES.unsubscribeConfirm,
  };
  export const query = z
    .object({ token: z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(2000) })
    .strict();
  export type Request = z.input<typeof query>;
}

/** GET /api/livechat/widget.js - the drop-in widget script (ETag, revalidated after `WIDGET_SCRIPT_MAX_AGE` s). */
export const WIDGET_SCRIPT_MAX_AGE = 300;

/** GET /api/livechat/widget.js - the drop-in widget script. */
export namespace WidgetScript {
  export const route = VISITOR_ROUTES.widgetScript;
}
