import type { Core } from '@strapi/strapi';

/**
 * One `make(strapi)` per Strapi instance, made on first use (several apps can share a process, as the tests
 * and the benches do): the shared queues and presence that every service of that instance must see alike.
 */
export function perStrapi<T>(make: (strapi: Core.Strapi) => T): (strapi: Core.Strapi) => T {
  const made = new WeakMap<Core.Strapi, T>();
  return (strapi) => {
    if (!made.has(strapi)) made.set(strapi, make(strapi));
    return made.get(strapi) as T;
  };
}
