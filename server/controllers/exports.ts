import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import type { Readable } from 'node:stream';
import { ExportReport, ExportTranscript } from '../../plugin/contracts/exports';
import { errorBody, LivechatError } from '../errors';
import { service } from '../services/registry';
import { idParam, query, viewerOf } from './http';

/**
 * Wraps a CSV download: the body is sent as an attachment; a LivechatError raised before the first byte
 * (bad filter, no access) is answered as JSON like every other route.
 */
const download =
  (run: (ctx: Context) => Promise<{ filename: string; body: string | Readable }>) =>
  async (ctx: Context): Promise<void> => {
    try {
      const { filename, body } = await run(ctx);
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = body;
    } catch (error) {
      if (!(error instanceof LivechatError)) throw error;
      ctx.status = error.status;
      ctx.body = errorBody(error);
    }
  };

/** CSV exports: one conversation's transcript, and the report of the conversations a filter matches. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  transcript: download(async (ctx) => {
    const viewer = viewerOf(strapi, ctx);
    const conversation = await service(strapi, 'conversations').loadForAgent(idParam(ctx), viewer);
    const { notes } = query(ctx, ExportTranscript.query);
    return {
      filename: `conversation-${conversation.id}.csv`,
      body: await service(strapi, 'exports').transcriptCsv(conversation, notes),
    };
  }),

  report: download(async (ctx) => {
    const filter = query(ctx, ExportReport.query);
    return {
      filename: `conversations-${new Date().toISOString().slice(0, 10)}.csv`,
      body: await service(strapi, 'exports').report(filter, viewerOf(strapi, ctx)),
    };
  }),
});
