import type { Core } from '@strapi/strapi';
import { ReportSummary } from '../../plugin/contracts/reports';
import { service } from '../services/registry';
import { action, query, viewerOf } from './http';

/** Supervisor reports: the figures behind the Reports page. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  summary: action(async (ctx) =>
    service(strapi, 'reports').summary(query(ctx, ReportSummary.query), viewerOf(strapi, ctx)),
  ),
});
