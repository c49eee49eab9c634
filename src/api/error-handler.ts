// Turns every error into { code, message, params } in the caller's language.
// Domain errors carry their code; Fastify validation errors become
// request.invalid; anything else is logged once and reported as internal.
import type { FastifyError, FastifyInstance } from 'fastify';
import { EngineNotFoundError } from '../engine/port.ts';
import { SijillError, errorSpec } from '../errors.ts';
import { t } from '../i18n/index.ts';
import { requestLanguage } from './language.ts';

export interface ErrorBody {
  code: string;
  message: string;
  params: Record<string, string | number>;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const lang = requestLanguage(request);
    let sijill: SijillError;
    if (error instanceof SijillError) {
      sijill = error;
    } else if (error.validation) {
      sijill = new SijillError('request.invalid', { detail: error.message });
    } else if (error instanceof EngineNotFoundError) {
      sijill = new SijillError('request.not_found');
    } else if (error.statusCode === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE' || error.code === 'FST_FILES_LIMIT' || error.code === 'FST_PARTS_LIMIT') {
      sijill = new SijillError('upload.too_large', { bytes: 0, maxBytes: 0, maxMegabytes: Math.round(Number(request.server.initialConfig.bodyLimit ?? 0) / 1048576) });
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      sijill = new SijillError('request.invalid', { detail: error.message });
    } else {
      request.log.error({ err: error }, 'request failed');
      sijill = new SijillError('internal', { requestId: String(request.id) });
    }
    const status = errorSpec(sijill.code)?.status ?? 500;
    const body: ErrorBody = { code: sijill.code, message: t(`error.${sijill.code}`, lang, { ...sijill.params, requestId: String(request.id) }), params: sijill.params };
    if (status < 500 && !(error instanceof SijillError)) request.log.info({ code: sijill.code, err: error }, 'request rejected');
    void reply.status(status).send(body);
  });
}
