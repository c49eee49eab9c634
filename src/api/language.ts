import type { FastifyRequest } from 'fastify';
import { defaultLanguage, isLanguage, type Language } from '../i18n/index.ts';

/** The caller's language: ?lang=, then the `lang` cookie, then Accept-Language, then Arabic. */
export function requestLanguage(request: FastifyRequest): Language {
  const query = (request.query as Record<string, unknown> | undefined)?.['lang'];
  if (isLanguage(query)) return query;
  const cookie = request.cookies?.['lang'];
  if (isLanguage(cookie)) return cookie;
  const accept = request.headers['accept-language'] ?? '';
  for (const part of accept.split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (isLanguage(tag)) return tag;
  }
  return defaultLanguage;
}

/**
 * The language of a screen: ?lang=, then the `lang` cookie that the language
 * switch sets, then Arabic. A browser's Accept-Language is not followed,
 * because screens are Arabic first: many officers' browsers send en-US
 * without anyone having chosen English.
 */
export function pageLanguage(request: FastifyRequest): Language {
  const query = (request.query as Record<string, unknown> | undefined)?.['lang'];
  if (isLanguage(query)) return query;
  const cookie = request.cookies?.['lang'];
  return isLanguage(cookie) ? cookie : defaultLanguage;
}
