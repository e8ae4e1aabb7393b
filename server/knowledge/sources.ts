import type { Core } from '@strapi/strapi';
import type { KnowledgeSourceConfig } from '../../plugin/config';
import { PLUGIN_ID } from '../../plugin/id';
import type { KnowledgeDocument } from './types';

export const KNOWLEDGE_ENTRY_UID = `plugin::${PLUGIN_ID}.knowledge-entry`;

/** Where the bot's knowledge comes from: one content type, which fields, how to link to a document. */
export interface KnowledgeSource {
  uid: string;
  /** Prefix of document ids in answers: `knowledge-entry` or the uid. */
  prefix: string;
  fields: string[];
  titleField: string;
  /** A JSON field holding more phrasings of the question (knowledge entries' alternative questions). */
  questionsField?: string;
  /** `{field}` placeholders filled from the document; a URL field when the source has its own. */
  url: { template: string } | { field: string } | null;
  locale?: string;
}

type StoredDocument = Record<string, unknown> & { documentId: string };

/** The plugin's own knowledge entries: title, answer, alternative questions, optional URL. */
const knowledgeEntries: KnowledgeSource = {
  uid: KNOWLEDGE_ENTRY_UID,
  prefix: 'knowledge-entry',
  fields: ['answer'],
  titleField: 'title',
  questionsField: 'alternativeQuestions',
  url: { field: 'url' },
};

/** The attribute names a URL template reads (`documentId` and `locale` come with every document). */
const placeholders = (template: string) =>
  [...template.matchAll(/\{(\w+)\}/g)]
    .map((match) => match[1])
    .filter((field) => field !== 'documentId' && field !== 'locale');

const TEXT_TYPES = new Set(['string', 'text', 'richtext', 'blocks', 'email', 'uid']);

/**
 * Knowledge entries plus the configured content types, checked against the schema: an unknown uid
 * or field stops Strapi at startup with the option named, instead of a bot that silently knows less.
 */
export function knowledgeSources(strapi: Core.Strapi, configured: KnowledgeSourceConfig[]): KnowledgeSource[] {
  const sources = configured.map((source, index): KnowledgeSource => {
    const option = `livechat config: knowledge.sources.${index}`;
    const contentType = strapi.contentTypes[source.uid as keyof typeof strapi.contentTypes];
    if (!contentType) throw new Error(`${option}.uid: ${source.uid} is not a content type`);
    const attributes = contentType.attributes as Record<string, { type: string }>;
    const check = (field: string, path: string, textOnly: boolean) => {
      const attribute = attributes[field];
      if (!attribute) throw new Error(`${option}.${path}: ${source.uid} has no field "${field}"`);
      if (textOnly && !TEXT_TYPES.has(attribute.type)) {
        throw new Error(`${option}.${path}: "${field}" is a ${attribute.type} field, not text`);
      }
    };
    source.fields.forEach((field, at) => check(field, `fields.${at}`, true));
    check(source.titleField, 'titleField', true);
    for (const field of placeholders(source.urlTemplate ?? '')) check(field, 'urlTemplate', false);
    return {
      uid: source.uid,
      prefix: source.uid,
      fields: source.fields,
      titleField: source.titleField,
      url: source.urlTemplate ? { template: source.urlTemplate } : null,
      locale: source.locale,
    };
  });
  return [knowledgeEntries, ...sources.filter((source) => source.uid !== KNOWLEDGE_ENTRY_UID)];
}

/** The fields a source reads, so a page of documents loads nothing else. */
export function sourceFields(source: KnowledgeSource): string[] {
  const urlFields = !source.url ? [] : 'field' in source.url ? [source.url.field] : placeholders(source.url.template);
  const questions = source.questionsField ? [source.questionsField] : [];
  return [...new Set([source.titleField, ...source.fields, ...questions, ...urlFields])];
}

/** Plain text of a field value: strings as they are, Strapi blocks flattened to paragraphs. */
export function fieldText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(fieldText).filter(Boolean).join('\n\n');
  if (value && typeof value === 'object') {
    const node = value as { text?: unknown; children?: unknown };
    if (typeof node.text === 'string') return node.text;
    if (Array.isArray(node.children)) return node.children.map(fieldText).join('');
  }
  return '';
}

const fillTemplate = (template: string, document: StoredDocument) => {
  let complete = true;
  const url = template.replace(/\{(\w+)\}/g, (_, field: string) => {
    const value = document[field];
    if (value === null || value === undefined || value === '') complete = false;
    return encodeURIComponent(String(value ?? ''));
  });
  return complete ? url : null;
};

/**
 * The URL when it is a web page: http(s), or a path on the site (`/help/{slug}`). Anything else
 * (`javascript:`, `data:`) is dropped, since the widget and the admin render sources as links.
 */
export function webUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return /^https?:$/.test(new URL(url, 'https://site.invalid').protocol) ? url : null;
  } catch {
    return null;
  }
}

/**
 * The id answers cite: `knowledge-entry:<documentId>` or `<uid>:<documentId>`, with `:<locale>` for a
 * source configured with a locale (the locales of one document share its documentId).
 */
export const documentKey = (source: KnowledgeSource, documentId: string) =>
  source.locale ? `${source.prefix}:${documentId}:${source.locale}` : `${source.prefix}:${documentId}`;

/** A stored document as the index takes it; null when it has no text to answer from. */
export function toKnowledgeDocument(source: KnowledgeSource, document: StoredDocument): KnowledgeDocument | null {
  const text = source.fields
    .map((field) => fieldText(document[field]).trim())
    .filter(Boolean)
    .join('\n\n');
  const title = fieldText(document[source.titleField]).trim();
  if (!text && !title) return null;
  const questions = source.questionsField ? document[source.questionsField] : undefined;
  let url: string | null = null;
  if (source.url && 'template' in source.url) url = fillTemplate(source.url.template, document);
  else if (source.url) url = (document[source.url.field] as string | null | undefined) || null;
  return {
    id: documentKey(source, document.documentId),
    title: title || text.slice(0, 80),
    url: webUrl(url),
    questions: Array.isArray(questions)
      ? questions.filter((q): q is string => typeof q === 'string' && !!q.trim())
      : [],
    text,
  };
}
