// Pages anyone may open: home with sign-in, the language switch, sign-out,
// and public verification of a result.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { listEarlierDocumentHashes } from '../../db/audit.ts';
import { findDocumentByVerificationCode } from '../../db/documents.ts';
import { findDossier } from '../../db/dossiers.ts';
import { loadActor } from '../../domain/access.ts';
import { getProcedure, listProcedures } from '../../domain/catalogue.ts';
import { signIn, signOut } from '../../api/session.ts';
import { SijillError } from '../../errors.ts';
import { isLanguage, t } from '../../i18n/index.ts';
import { homePathOf } from '../layout.ts';
import { renderHomePage } from '../pages/home.ts';
import { renderVerifyPage } from '../pages/verify.ts';
import { pageContextOf, safeNextPath, seeOther, sendHtml } from '../request.ts';

/** How long the language choice is remembered, in seconds (one year). */
const languageCookieSeconds = 365 * 24 * 3600;

export async function publicPages(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get('/', async (request, reply) => {
    const next = safeNextPath((request.query as Record<string, unknown>)['next']);
    return sendHtml(reply, renderHomePage(pageContextOf(ctx, request), { procedures: await listProcedures(ctx.db), signInError: null, next }));
  });

  app.post('/sign-in', { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const username = typeof body['username'] === 'string' ? body['username'].trim() : '';
    const password = typeof body['password'] === 'string' ? body['password'] : '';
    const next = safeNextPath(body['next']);
    const page = pageContextOf(ctx, request);
    try {
      const account = await signIn(ctx, reply, username, password);
      return seeOther(reply, next ?? homePathOf(await loadActor(ctx.db, account)));
    } catch (error) {
      if (!(error instanceof SijillError)) throw error;
      const message = t(`error.${error.code}`, page.lang, error.params);
      const html = renderHomePage(page, { procedures: await listProcedures(ctx.db), signInError: { message, username }, next });
      return sendHtml(reply, html, error.status);
    }
  });

  app.post('/sign-out', async (_request, reply) => {
    signOut(reply);
    return seeOther(reply, '/');
  });

  app.get('/lang/:lang', async (request, reply) => {
    const { lang } = request.params as { lang: string };
    if (!isLanguage(lang)) throw new SijillError('request.not_found');
    const next = safeNextPath((request.query as Record<string, unknown>)['next']) ?? '/';
    // The page's own ?lang= would win over the cookie, so it is dropped from the address.
    const url = new URL(next, 'http://sijill.invalid');
    url.searchParams.delete('lang');
    void reply.setCookie('lang', lang, { path: '/', sameSite: 'lax', maxAge: languageCookieSeconds });
    return reply.redirect(`${url.pathname}${url.search}${url.hash}`, 303);
  });

  app.get('/verify', async (request, reply) => {
    const code = (request.query as Record<string, unknown>)['code'];
    if (typeof code === 'string' && code.trim() !== '') return reply.redirect(`/verify/${encodeURIComponent(code.trim().toUpperCase())}`, 303);
    return sendHtml(reply, renderVerifyPage(pageContextOf(ctx, request), { code: '', result: null, dossier: null, procedureName: null }));
  });

  app.get('/verify/:code', async (request, reply) => {
    const { code } = request.params as { code: string };
    const valid = /^[0-9A-F]{12}$/.test(code);
    const doc = valid ? await findDocumentByVerificationCode(ctx.db, code) : null;
    const result = doc && doc.kind === 'result' ? doc : null;
    const dossier = result?.dossier_id ? await findDossier(ctx.db, result.dossier_id) : null;
    const procedure = dossier ? await getProcedure(ctx.db, dossier.procedure_code).catch(() => null) : null;
    const earlierHashes = result ? await listEarlierDocumentHashes(ctx.db, result.id) : [];
    const html = renderVerifyPage(pageContextOf(ctx, request), { code, result, dossier, procedureName: procedure?.name ?? null, earlierHashes });
    return sendHtml(reply, html, result ? 200 : 404);
  });
}
