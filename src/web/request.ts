// Helpers the page handlers share: the page context of a request, the
// signed-in actor (or a redirect to sign in), the safe "next" address, and
// the HTML reply.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pageLanguage } from '../api/language.ts';
import type { AppContext } from '../context.ts';
import type { Actor, Role } from '../domain/access.ts';
import { hasRole } from '../domain/access.ts';
import { SijillError } from '../errors.ts';
import type { PageContext } from './layout.ts';

export function pageContextOf(ctx: AppContext, request: FastifyRequest): PageContext {
  return { lang: pageLanguage(request), actor: request.actor, currentUrl: request.url, timeZone: ctx.config.SIJILL_TIMEZONE };
}

/** The signed-in actor; throws request.unauthenticated (the error handler redirects to sign in). */
export function requirePageActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new SijillError('request.unauthenticated');
  return request.actor;
}

/** The signed-in actor holding one of `roles`; anyone else gets not found, like the API. */
export function requirePageRole(request: FastifyRequest, ...roles: Role[]): Actor {
  const actor = requirePageActor(request);
  if (!hasRole(actor, ...roles)) throw new SijillError('request.not_found');
  return actor;
}

/** The applicant id of a signed-in citizen; staff without one get not found. */
export function requireApplicant(request: FastifyRequest): { actor: Actor; applicantId: string } {
  const actor = requirePageActor(request);
  if (!actor.account.applicant_id) throw new SijillError('request.not_found');
  return { actor, applicantId: actor.account.applicant_id };
}

/** A local path to return to; anything else (another host, "//host", a scheme) becomes null. */
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  return /[\u0000-\u001f]/.test(value) ? null : value;
}

/**
 * Sends a page. Its Referrer-Policy is same-origin instead of Helmet's no-referrer, because under
 * no-referrer Chromium sends `Origin: null` with the page's own form posts, and the plugin refuses
 * posts whose Origin names another origin.
 */
export function sendHtml(reply: FastifyReply, body: string, status = 200): FastifyReply {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'same-origin')
    .send(body);
}

/** Redirect after a successful form post, so reloading the next page does not post again. */
export function seeOther(reply: FastifyReply, location: string): FastifyReply {
  return reply.redirect(location, 303);
}
