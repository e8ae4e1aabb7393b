import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { rm } from 'node:fs/promises';
import { SendAttachment } from '../../plugin/contracts/attachments';
import { pluginConfig } from '../config';
import { badRequest } from '../errors';
import type { UploadedFile } from '../services/attachments';
import { service } from '../services/registry';
import { action, body, idParam, viewerOf, visitorOf } from './http';

type Files = Record<string, UploadedFile | UploadedFile[] | undefined>;

const filesOf = (ctx: Context) => (ctx.request as { files?: Files }).files ?? {};

/** The one file in the multipart field `file`. */
const uploadedFile = (ctx: Context) => {
  const file = filesOf(ctx).file;
  if (Array.isArray(file)) throw badRequest('file', 'send one file per message');
  return file;
};

/** Strapi's body parser leaves uploads in a temporary folder (and cleans up only its own `files` field). */
const removingTemporaryFiles =
  (run: (ctx: Context) => Promise<unknown>) =>
  async (ctx: Context): Promise<unknown> => {
    try {
      return await run(ctx);
    } finally {
      const temporary = Object.values(filesOf(ctx)).flatMap((entry) => (entry ? [entry].flat() : []));
      await Promise.all(temporary.map((file) => rm(file.filepath, { force: true })));
    }
  };

/** Sending files: multipart `file` (one) with `clientId` and optional `text`; answers the stored message. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const fields = (ctx: Context) => body(ctx, SendAttachment.fields(pluginConfig(strapi).maxMessageLength));

  return {
    visitor: action(
      removingTemporaryFiles(async (ctx) => {
        const contactId = await visitorOf(strapi, ctx);
        const id = idParam(ctx);
        const input = fields(ctx);
        ctx.status = 201;
        return service(strapi, 'attachments').sendAsVisitor(contactId, id, uploadedFile(ctx), input);
      }),
    ),

    agent: action(
      removingTemporaryFiles(async (ctx) => {
        const id = idParam(ctx);
        const input = fields(ctx);
        ctx.status = 201;
        return service(strapi, 'attachments').sendAsAgent(viewerOf(strapi, ctx), id, uploadedFile(ctx), input);
      }),
    ),
  };
};
