import type { Core } from '@strapi/strapi';
import path from 'node:path';
import type { AttachmentType } from '../../plugin/contracts/attachments';
import type { Attachment, Message } from '../../plugin/contracts/entities';
import { EXTENSIONS, detectFileType } from '../attachments/file-signature';
import { pluginConfig } from '../config';
import { badRequest, LivechatError } from '../errors';
import * as serialize from '../serialize';
import { tables } from '../store';
import type { Viewer } from '../viewer';
import { uses } from './registry';

/** A file as Strapi's body parser (formidable) leaves it in `ctx.request.files`. */
export interface UploadedFile {
  filepath: string;
  originalFilename?: string | null;
  mimetype?: string | null;
  size: number;
}

/** The part of Strapi's upload service used here. */
interface UploadService {
  upload(input: { data: Record<string, unknown>; files: UploadedFile }): Promise<StoredFile[]>;
  findOne(id: number): Promise<StoredFile | null>;
  remove(file: StoredFile): Promise<unknown>;
}

interface StoredFile {
  id: number;
  name: string;
  mime: string;
  url: string;
  sizeInBytes?: number | null;
}

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;

/** The visitor's file name without its path or extension, tidied, with the extension of what it really is. */
const storedName = (original: string | null | undefined, type: AttachmentType) => {
  const base = path
    .basename(original ?? '')
    .replace(/\.[^.]*$/, '')
    .replace(/[^\p{L}\p{N} _-]+/gu, '-')
    .replace(/^[\s-]+|[\s-]+$/g, '')
    .slice(0, 80);
  return `${base || 'attachment'}${EXTENSIONS[type]}`;
};

/**
 * Attachments: a file checked by size and by its real type (file signature), stored through Strapi's
 * upload plugin, then sent as a message carrying it. A file that ends up in no message is removed again.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { conversations, messages, rateLimits } = uses(strapi, ['conversations', 'messages', 'rate-limits']);
  const db = tables(strapi);
  const uploads = () => strapi.plugin('upload').service('upload') as unknown as UploadService;

  /** Size and type checks: 413 when too big, 415 when the content is not an allowed type. */
  const inspect = async (file: UploadedFile | undefined): Promise<AttachmentType> => {
    if (!file) throw badRequest('file', 'is required (multipart field "file")');
    const { maxBytes, allowedTypes } = pluginConfig(strapi).attachments;
    if (file.size === 0) throw badRequest('file', 'is empty');
    if (file.size > maxBytes) {
      const limit = `${megabytes(maxBytes)} (this one is ${file.size} bytes)`;
      throw new LivechatError(413, `file: must be at most ${limit}`, 'file');
    }
    const type = await detectFileType(file.filepath);
    if (!type || !allowedTypes.includes(type)) {
      const what = type ? `${type} files are` : 'this kind of file is';
      throw new LivechatError(415, `file: ${what} not allowed; allowed: ${allowedTypes.join(', ')}`, 'file');
    }
    return type;
  };

  const store = async (file: UploadedFile, type: AttachmentType): Promise<Attachment> => {
    const name = storedName(file.originalFilename, type);
    const [stored] = await uploads().upload({
      data: { fileInfo: { name } },
      files: { filepath: file.filepath, originalFilename: name, mimetype: type, size: file.size },
    });
    return {
      id: stored.id,
      name: stored.name,
      mime: stored.mime,
      size: stored.sizeInBytes ?? file.size,
      url: stored.url,
    };
  };

  const discard = async (attachments: Attachment[]) => {
    for (const attachment of attachments) {
      try {
        const file = await uploads().findOne(attachment.id);
        if (file) await uploads().remove(file);
      } catch (error) {
        strapi.log.error(`livechat: removing attachment ${attachment.id} failed: ${(error as Error).message}`);
      }
    }
  };

  /** Checks and stores the file, then writes the message; a resent clientId answers the first copy. */
  const send = async (
    conversationId: number,
    file: UploadedFile | undefined,
    clientId: string,
    write: (attachments: Attachment[]) => Promise<Message>,
  ) => {
    const type = await inspect(file);
    const existing = await db.messages.findOne({ conversationId, clientId });
    if (existing) return serialize.message(existing);
    const attachment = await store(file as UploadedFile, type);
    try {
      const message = await write([attachment]);
      // A resend raced this one and its copy was kept: this file belongs to no message.
      if (!message.attachments.some((kept) => kept.id === attachment.id)) await discard([attachment]);
      return message;
    } catch (error) {
      await discard([attachment]);
      throw error;
    }
  };

  return {
    /** A visitor sends a file into their own conversation (rate limited like a message). */
    async sendAsVisitor(
      contactId: number,
      conversationId: number,
      file: UploadedFile | undefined,
      fields: { clientId: string; text?: string },
    ) {
      await conversations().loadForVisitor(conversationId, contactId);
      await rateLimits().checkVisitorMessage(contactId);
      return send(conversationId, file, fields.clientId, (attachments) =>
        messages().sendAsVisitor(contactId, conversationId, {
          clientId: fields.clientId,
          text: fields.text ?? '',
          attachments,
        }),
      );
    },

    /** An agent sends a file into a conversation they hold. */
    async sendAsAgent(
      viewer: Viewer,
      conversationId: number,
      file: UploadedFile | undefined,
      fields: { clientId: string; text?: string },
    ) {
      const conversation = await conversations().load(conversationId);
      messages().checkAgentMayWrite(conversation, viewer);
      return send(conversationId, file, fields.clientId, (attachments) =>
        messages().sendAsAgent(viewer, conversationId, {
          clientId: fields.clientId,
          text: fields.text ?? '',
          attachments,
        }),
      );
    },

    /** The files sent in these conversations (read before the conversations are deleted). */
    async ofConversations(conversationIds: number[]): Promise<Attachment[]> {
      if (conversationIds.length === 0) return [];
      const rows = await db.messages.findMany({
        where: { conversationId: { $in: conversationIds } },
        select: ['attachments'],
      });
      return rows.flatMap((row) => row.attachments ?? []);
    },

    discard,
  };
};
