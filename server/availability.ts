import type { Core } from '@strapi/strapi';
import type { Availability } from '../plugin/contracts/visitor';
import { availabilityOf, isOpen } from './business-hours';
import { service } from './services/registry';

/** Whether the desk is within its business hours now (always, when business hours are off). */
export async function withinBusinessHours(strapi: Core.Strapi, now = new Date()): Promise<boolean> {
  return isOpen((await service(strapi, 'desk-settings').get()).businessHours, now);
}

/** Whether a person can answer now: agents online and within business hours; else when support opens again. */
export async function availability(strapi: Core.Strapi, now = new Date()): Promise<Availability.Response> {
  const { businessHours } = await service(strapi, 'desk-settings').get();
  return availabilityOf(businessHours, service(strapi, 'presence').online().length, now);
}
