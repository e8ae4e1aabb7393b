import type { IncomingMessage } from 'node:http';
import type { Core } from '@strapi/strapi';
import { pluginConfig } from '../config';
import { service } from '../services/registry';

/** `https://shop.example/` and `https://shop.example` are the same origin; anything unparsable stays as written. */
const normalizeOrigin = (value: string): string => {
  try {
    return new URL(value).origin;
  } catch {
    return value;
  }
};

/**
 * Whether a browser on `origin` may open a socket. socket.io's CORS option covers polling only,
 * not the WebSocket upgrade, so every handshake passes through this check. Clients without an
 * Origin header (servers, native apps) are not browsers and are let through to token auth.
 */
export function originAllowed(request: IncomingMessage, allowed: string[]): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  if (corsOriginAllowed(origin, allowed)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/** Whether a cross-origin browser on `origin` is in `allowed` (`*` allows every origin). */
export function corsOriginAllowed(origin: string, allowed: string[]): boolean {
  return allowed.includes('*') || allowed.some((entry) => normalizeOrigin(entry) === normalizeOrigin(origin));
}

/**
 * The origins allowed to embed the widget: the plugin config's `allowedOrigins` and the admin's desk
 * setting of the same name. The desk settings service caches its value and refreshes it on update.
 */
export async function allowedOrigins(strapi: Core.Strapi): Promise<string[]> {
  const { allowedOrigins: stored } = await service(strapi, 'desk-settings').get();
  return [...pluginConfig(strapi).allowedOrigins, ...stored];
}

/** socket.io's `allowRequest` and `cors.origin` hooks, both reading the current allowed origins. */
export function originChecks(strapi: Core.Strapi) {
  const refuse = (error: Error) => {
    strapi.log.error(`livechat origin check failed: ${error.message}`);
  };
  return {
    allowRequest(request: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void) {
      allowedOrigins(strapi)
        .then((allowed) => {
          const ok = originAllowed(request, allowed);
          callback(ok ? null : 'Origin not allowed', ok);
        })
        .catch((error: Error) => {
          refuse(error);
          callback('Origin not allowed', false);
        });
    },
    corsOrigin(origin: string | undefined, callback: (error: Error | null, allow?: boolean) => void) {
      if (!origin) return callback(null, true);
      allowedOrigins(strapi)
        .then((allowed) => callback(null, corsOriginAllowed(origin, allowed)))
        .catch((error: Error) => {
          refuse(error);
          callback(null, false);
        });
    },
  };
}
