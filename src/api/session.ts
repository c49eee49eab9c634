// Sessions: a signed cookie holding the account id and an expiry. Screens
// and API share it. Staff and citizens sign in with a username and password
// in the embedded default; a deployment puts its identity provider in front.
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { AppContext } from '../context.ts';
import { findAccount, findAccountByUsername } from '../db/city.ts';
import { hasRole, loadActor, type Role } from '../domain/access.ts';
import { checkPassword } from '../domain/passwords.ts';
import { SijillError } from '../errors.ts';

export const sessionCookie = 'sijill_session';
const sessionHours = 12;

export function installSessions(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const raw = request.cookies[sessionCookie];
    if (!raw) return;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) return;
    const [accountId, expires] = unsigned.value.split('.');
    if (!accountId || !expires || Number(expires) < Date.now()) return;
    const account = await findAccount(ctx.db, accountId).catch(() => null);
    if (account) request.actor = await loadActor(ctx.db, account);
  });
}

/** Checks the password and sets the session cookie; throws auth.invalid_credentials otherwise. */
export async function signIn(ctx: AppContext, reply: FastifyReply, username: string, password: string) {
  const account = await findAccountByUsername(ctx.db, username);
  const ok = account ? await checkPassword(password, account.password_hash) : false;
  if (!account || !ok) throw new SijillError('auth.invalid_credentials');
  const expires = Date.now() + sessionHours * 3600_000;
  void reply.setCookie(sessionCookie, `${account.id}.${expires}`, { signed: true, httpOnly: true, sameSite: 'lax', path: '/', maxAge: sessionHours * 3600 });
  ctx.logger.info({ accountId: account.id, roles: account.roles }, 'signed in');
  return account;
}

export function signOut(reply: FastifyReply): void {
  void reply.clearCookie(sessionCookie, { path: '/' });
}

export function requireActor(request: FastifyRequest) {
  if (!request.actor) throw new SijillError('request.unauthenticated');
  return request.actor;
}

/** A preHandler that admits signed-in accounts holding one of the roles; others get not_found. */
export function requireRole(...roles: Role[]): preHandlerHookHandler {
  return async (request) => {
    const actor = requireActor(request);
    if (!hasRole(actor, ...roles)) throw new SijillError('request.not_found');
  };
}
