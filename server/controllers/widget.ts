import type { Core } from '@strapi/strapi';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from 'koa';
import { WIDGET_SCRIPT_MAX_AGE } from '../../plugin/contracts/widget';

// The server bundle runs from dist/server/; the widget bundle sits beside it in dist/widget/.
const SCRIPT_FILE = path.resolve(__dirname, '..', 'widget', 'widget.js');

interface CachedScript {
  mtimeMs: number;
  body: Buffer;
  etag: string;
}

/** Serves the drop-in widget: one script tag on any site loads it from here. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  let cached: CachedScript | null = null;

  /** The built script, re-read only when the file changed (a rebuild during `npm run demo`). */
  const load = async (): Promise<CachedScript | null> => {
    // Mid-rebuild the file is briefly absent: keep serving the last good copy meanwhile.
    const info = await stat(SCRIPT_FILE).catch(() => null);
    if (!info || cached?.mtimeMs === info.mtimeMs) return cached;
    const body = await readFile(SCRIPT_FILE).catch(() => null);
    if (!body) return cached;
    cached = { mtimeMs: info.mtimeMs, body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
    return cached;
  };

  return {
    async script(ctx: Context) {
      const script = await load();
      if (!script) {
        strapi.log.error(`livechat: ${SCRIPT_FILE} is missing; build the plugin (npm run build)`);
        ctx.status = 404;
        ctx.type = 'text/plain';
        ctx.body = 'The live chat widget has not been built';
        return;
      }
      ctx.set('ETag', script.etag);
      // Short max-age plus the ETag: a new release reaches visitors within minutes, unchanged ones cost a 304.
      ctx.set('Cache-Control', `public, max-age=${WIDGET_SCRIPT_MAX_AGE}, must-revalidate`);
      ctx.set('Cross-Origin-Resource-Policy', 'cross-origin');
      ctx.set('Access-Control-Allow-Origin', '*');
      ctx.type = 'application/javascript; charset=utf-8';
      if (ctx.get('If-None-Match') === script.etag) {
        ctx.status = 304;
        return;
      }
      ctx.body = script.body;
    },
  };
};
