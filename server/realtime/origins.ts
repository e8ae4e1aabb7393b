import type { IncomingMessage } from 'node:http';

/**
 * Whether a browser on `origin` may open a socket. socket.io's CORS option covers polling only,
 * not the WebSocket upgrade, so every handshake passes through this check. Clients without an
 * Origin header (servers, native apps) are not browsers and are let through to token auth.
 */
export function originAllowed(request: IncomingMessage, allowed: string[]): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  if (allowed.includes('*') || allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
