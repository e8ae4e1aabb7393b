import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { ResumeSession, Unsubscribe, UpdateVisitorContact } from '../../plugin/contracts/widget';
import { LivechatError } from '../errors';
import { escapeHtml } from '../escape-html';
import { service } from '../services/registry';
import { action, body, query, visitorOf } from './http';

const page = (title: string, content: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
  `<meta name="robots" content="noindex"><title>${title}</title></head>` +
  `<body style="font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem">` +
  `<h1 style="font-size:1.4rem">${title}</h1>${content}</body></html>`;

// No action attribute: the form posts back to this very address, token included, so the page never echoes it.
const CONFIRM_FORM =
  '<p>You will no longer get emails about your chats with us.</p>' +
  '<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">' +
  '<button type="submit" style="font:inherit;padding:.5rem 1rem">Unsubscribe</button></form>';

/** The routes behind follow-up emails (resume link, unsubscribe link) and the visitor's own details. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const followUps = () => service(strapi, 'follow-ups');

  /** Opened from an email client: answers a page, never JSON, and never echoes the token. */
  const htmlPage = async (ctx: Context, run: (token: string) => Promise<string>) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    try {
      ctx.body = await run(query(ctx, Unsubscribe.query).token);
    } catch (error) {
      if (!(error instanceof LivechatError)) throw error;
      ctx.status = error.status;
      ctx.body = page(
        'This unsubscribe link does not work',
        `<p>${escapeHtml(error.message)}. Nothing was changed.</p>`,
      );
    }
  };

  return {
    resume: action(async (ctx) => followUps().resume(body(ctx, ResumeSession.body).token)),

    updateContact: action(async (ctx) =>
      followUps().updateContact(await visitorOf(strapi, ctx), body(ctx, UpdateVisitorContact.body)),
    ),

    /** GET: only asks for confirmation, since link scanners and mail previews open every link of an email. */
    unsubscribe: (ctx: Context) =>
      htmlPage(ctx, async (token) => {
        await followUps().checkUnsubscribe(token);
        return page('Unsubscribe from chat emails?', CONFIRM_FORM);
      }),

    /** POST: the confirmation form, or a mail client's one-click unsubscribe (RFC 8058) to the same address. */
    confirmUnsubscribe: (ctx: Context) =>
      htmlPage(ctx, async (token) => {
        await followUps().unsubscribe(token);
        return page('You are unsubscribed', '<p>We will not email you about your chats any more.</p>');
      }),
  };
};
