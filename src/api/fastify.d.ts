import type { Actor } from '../domain/access.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in account, or null; set by the session hook. */
    actor: Actor | null;
  }
}
