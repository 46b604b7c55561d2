import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'flotilla_token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * The request target as a URL, or undefined when it is not one (`GET //[`): anyone who can reach the
 * port can send that, with or without a token, so it must become a 400 and never a throw.
 */
export function requestUrl(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://host');
  } catch {
    return undefined;
  }
}

/** The token a request carries: `?token=`, `Authorization: Bearer`, or the cookie set on first visit. */
export function requestToken(req: IncomingMessage, url = requestUrl(req)): string | undefined {
  const fromQuery = url?.searchParams.get('token');
  if (fromQuery) return fromQuery;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length);
  const cookie = req.headers.cookie
    ?.split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === TOKEN_COOKIE);
  return cookie?.[1];
}

export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Browsers send Origin; it must be this host itself. Clients that send none (the CLI) pass on the token alone. */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * On a loopback binding the Host header must name a loopback address too: a page whose DNS name was
 * rebound to 127.0.0.1 reaches the port but gets nothing from it. A host bound elsewhere on purpose
 * (--allow-remote) is reached by whatever name the user gave it.
 */
export function hostHeaderAllowed(req: IncomingMessage, loopbackOnly: boolean): boolean {
  if (!loopbackOnly) return true;
  const header = req.headers.host;
  if (!header) return false;
  const name = header.startsWith('[') ? header.slice(1, header.indexOf(']')) : header.replace(/:\d+$/, '');
  return isLoopback(name);
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
