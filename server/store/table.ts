import type { Core } from '@strapi/strapi';
import { uid } from '../../plugin/id';

export type Where = Record<string, unknown>;

export interface FindParams {
  where?: Where;
  orderBy?: Record<string, 'asc' | 'desc'> | Array<Record<string, 'asc' | 'desc'>>;
  limit?: number;
  offset?: number;
  select?: string[];
  populate?: Record<string, unknown> | string[];
}

/** Typed access to one plugin content type through Strapi's query engine. */
export interface Table<Row> {
  readonly uid: string;
  findOne(where: Where, populate?: FindParams['populate']): Promise<Row | null>;
  findMany(params?: FindParams): Promise<Row[]>;
  count(where?: Where): Promise<number>;
  create(data: Record<string, unknown>): Promise<Row>;
  update(where: Where, data: Record<string, unknown>, populate?: FindParams['populate']): Promise<Row | null>;
  /** Updates every row matching `where`; the count makes compare-and-set updates possible. */
  updateMany(where: Where, data: Record<string, unknown>): Promise<number>;
  deleteMany(where: Where): Promise<number>;
}

type QueryName = Parameters<Core.Strapi['db']['query']>[0];

/** One table of the plugin, e.g. `table<MessageRow>(strapi, 'message')`. */
export function table<Row>(strapi: Core.Strapi, name: string): Table<Row> {
  const contentTypeUid = uid(name);
  // The plugin's uids are not in Strapi's generated registry, so the query name is cast once, here.
  const query = () => strapi.db.query(contentTypeUid as QueryName);
  return {
    uid: contentTypeUid,
    findOne: (where, populate) => query().findOne({ where, populate } as never) as Promise<Row | null>,
    findMany: (params = {}) => query().findMany(params as never) as Promise<Row[]>,
    count: (where = {}) => query().count({ where } as never) as Promise<number>,
    create: (data) => query().create({ data } as never) as Promise<Row>,
    update: (where, data, populate) => query().update({ where, data, populate } as never) as Promise<Row | null>,
    updateMany: async (where, data) =>
      ((await query().updateMany({ where, data } as never)) as { count: number }).count,
    deleteMany: async (where) => ((await query().deleteMany({ where } as never)) as { count: number }).count,
  };
}
