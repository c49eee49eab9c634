// The web screens' Fastify plugin: server-rendered pages for citizens,
// officers and supervisors, their stylesheet and bundles under /web/, and
// an error handler that replies with pages instead of JSON.
//
// Forms post to the page routes, which call the domain functions directly
// and redirect (303) on success. Cross-site posts are rejected twice over:
// the session cookie is SameSite=Lax, so a form on another site posts
// without it, and a POST whose Origin header names another host is rejected.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { SijillError } from '../errors.ts';
import { t } from '../i18n/index.ts';
import { counterPages } from './handlers/counter.ts';
import { counterBatchPages } from './handlers/counter-batch.ts';
import { officerPages } from './handlers/officer.ts';
import { pageEditPages } from './handlers/page-edits.ts';
import { portalPages } from './handlers/portal.ts';
import { publicPages } from './handlers/public.ts';
import { slaPages } from './handlers/sla.ts';
import { staffPages } from './handlers/staff-pages.ts';
import { webAssetsPrefix } from './layout.ts';
import { renderErrorPage } from './pages/error.ts';
import { pageContextOf, sendHtml } from './request.ts';

const staticRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');

/** True when the request carries an Origin header naming another host than the one it was sent to. */
function isCrossOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

export async function webRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  await app.register(fastifyStatic, { root: staticRoot, prefix: webAssetsPrefix, decorateReply: false, index: false });

  // Pages link the SVG icon, but some browsers and tools still request
  // /favicon.ico; an empty reply keeps that from logging a 404 on every page.
  app.get('/favicon.ico', async (_request, reply) => reply.code(204).header('cache-control', 'public, max-age=86400').send());

  app.addHook('preHandler', async (request) => {
    if (request.method === 'POST' && isCrossOrigin(request)) {
      request.log.warn({ origin: request.headers.origin }, 'cross-origin form post rejected');
      throw new SijillError('request.not_found');
    }
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const page = pageContextOf(ctx, request);
    if (error instanceof SijillError && error.code === 'request.unauthenticated') {
      return reply.redirect(`/?next=${encodeURIComponent(request.url)}#sign-in`, 303);
    }
    if (error instanceof SijillError) {
      return sendHtml(reply, renderErrorPage(page, t(`error.${error.code}`, page.lang, error.params)), error.status);
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'page failed');
    const message = status === 500 ? t('error.internal', page.lang, { requestId: String(request.id) }) : t('error.request.invalid', page.lang, { detail: error.message });
    return sendHtml(reply, renderErrorPage(page, message), status);
  });

  await app.register(publicPages, { ctx });
  await app.register(portalPages, { ctx });
  await app.register(officerPages, { ctx });
  await app.register(slaPages, { ctx });
  await app.register(counterPages, { ctx });
  await app.register(counterBatchPages, { ctx });
  await app.register(pageEditPages, { ctx });
  await app.register(staffPages, { ctx });
}
