import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../plugin/id';
import type services from './index';

/** The plugin's services by name, with their types, derived from the one list in `services/index.ts`. */
export type Services = { [Name in keyof typeof services]: ReturnType<(typeof services)[Name]> };
export type ServiceName = keyof Services;

/** One of the plugin's services, typed (controllers, listeners and sockets call this; services declare `uses`). */
export const service = <Name extends ServiceName>(strapi: Core.Strapi, name: Name): Services[Name] =>
  strapi.plugin(PLUGIN_ID).service(name) as unknown as Services[Name];

/** `rate-limits` → `rateLimits`. */
type CamelCase<Name extends string> = Name extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : Name;

type Getters<Names extends ServiceName> = { [Name in Names as CamelCase<Name>]: () => Services[Name] };

const camelCase = (name: string) => name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

/**
 * The services a service calls, named once at the top of its factory: one getter each, looked up on call
 * (services are created in any order). `tests/plugin/service-graph.test.ts` reads these lists and keeps
 * the graph free of cycles.
 */
export function uses<const Names extends readonly ServiceName[]>(
  strapi: Core.Strapi,
  names: Names,
): Getters<Names[number]> {
  return Object.fromEntries(names.map((name) => [camelCase(name), () => service(strapi, name)])) as Getters<
    Names[number]
  >;
}
