// The modeler's routes: the page and its bundle, the list of deployed
// process definitions with their XML, and deployment of a new version after
// the paperless lint. A deployment never changes running dossiers: the engine
// keeps each instance on the version it started with.
//
// Every route runs `requireAnalyst` first. Errors of this plugin are replied
// here as { code, message, params } (plus `problems` for 422), in the
// language of the `lang` query or cookie, Arabic by default.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { lintDiagram, type LintProblem } from '../../bpmn-lint/index.ts';
import { DeploymentRejectedError, type EnginePort, type ProcessDefinition } from '../../engine/port.ts';
import { defaultLanguage, isLanguage, t, type Language } from '../../i18n/index.ts';
import type { Queryable } from '../../db/client.ts';
import { listProcedures } from '../../domain/catalogue.ts';
import { renderModelerPage } from '../../modeler/page.ts';

export interface ModelerRoutesOptions {
  engine: EnginePort;
  /** Task types the workers implement: the lint accepts only these, and the modeler offers them. */
  knownTaskTypes: string[];
  requireAnalyst: preHandlerHookHandler;
  /** Database of the procedure catalogue, so each deployed process is listed with the procedure it runs; without it none is. */
  db?: Queryable;
}

/** Folder that scripts/build-web.ts writes the bundle to. */
export const webBuildDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/static/build');

const assetsPrefix = '/modeler/assets/';

/** Largest diagram accepted for deployment, in bytes of JSON body. */
const maxDeploymentBytes = 5 * 1024 * 1024;

const langQuery = {
  type: 'object',
  properties: { lang: { type: 'string', enum: ['ar', 'en'] } },
  additionalProperties: false,
} as const;

const definitionSchema = {
  type: 'object',
  required: ['processDefinitionKey', 'bpmnProcessId', 'version', 'resourceName'],
  properties: {
    processDefinitionKey: { type: 'string' },
    bpmnProcessId: { type: 'string' },
    version: { type: 'integer' },
    resourceName: { type: 'string' },
    procedure: {
      type: 'object',
      required: ['code', 'name'],
      properties: {
        code: { type: 'string' },
        name: { type: 'object', required: ['ar', 'en'], properties: { ar: { type: 'string' }, en: { type: 'string' } } },
      },
    },
  },
} as const;

/** The catalogue procedure a deployed process runs, as GET /api/process-definitions lists it. */
export interface DefinitionProcedure {
  code: string;
  name: { ar: string; en: string };
}

const errorSchema = {
  type: 'object',
  required: ['code', 'message', 'params'],
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    params: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
    problems: {
      type: 'array',
      items: {
        type: 'object',
        required: ['elementId', 'rule', 'message'],
        properties: {
          elementId: { type: 'string' },
          rule: { type: 'string' },
          message: { type: 'string' },
          params: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
        },
      },
    },
  },
} as const;

interface ReplyProblem {
  elementId: string;
  rule: string;
  message: string;
  params: Record<string, string | number>;
}

/**
 * Returns the `lang` query parameter, else the `lang` cookie the other
 * screens set, else Arabic. Unlike src/api/language.ts it ignores the
 * browser's Accept-Language, so the modeler is Arabic first.
 */
function requestLanguage(request: FastifyRequest): Language {
  const query = request.query as { lang?: unknown } | undefined;
  if (isLanguage(query?.lang)) return query.lang;
  const cookie = (request as { cookies?: Record<string, string | undefined> }).cookies?.['lang'];
  return isLanguage(cookie) ? cookie : defaultLanguage;
}

function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  lang: Language,
  params: Record<string, string | number> = {},
  problems?: ReplyProblem[],
): FastifyReply {
  const body = { code, message: t(`error.${code}`, lang, params), params, ...(problems ? { problems } : {}) };
  return reply.code(status).send(body);
}

/** Translates a problem; each value is wrapped in a first-strong isolate so ids and type names keep their direction in Arabic. */
function translateProblem(problem: LintProblem, lang: Language): ReplyProblem {
  const isolated = Object.fromEntries(Object.entries(problem.params).map(([name, value]) => [name, `\u2068${value}\u2069`]));
  return { elementId: problem.elementId, rule: problem.rule, message: t(problem.messageKey, lang, isolated), params: problem.params };
}

/** The highest version of each process id, sorted by process id. */
export function latestVersions(definitions: ProcessDefinition[]): ProcessDefinition[] {
  const latest = new Map<string, ProcessDefinition>();
  for (const definition of definitions) {
    const current = latest.get(definition.bpmnProcessId);
    if (!current || definition.version > current.version) latest.set(definition.bpmnProcessId, definition);
  }
  return [...latest.values()].sort((a, b) => a.bpmnProcessId.localeCompare(b.bpmnProcessId));
}

function toDefinitionReply(definition: ProcessDefinition): ProcessDefinition {
  const { processDefinitionKey, bpmnProcessId, version, resourceName } = definition;
  return { processDefinitionKey, bpmnProcessId, version, resourceName };
}

export async function modelerRoutes(app: FastifyInstance, options: ModelerRoutesOptions): Promise<void> {
  const { engine, knownTaskTypes } = options;
  app.addHook('preHandler', options.requireAnalyst);

  await app.register(fastifyStatic, { root: webBuildDir, prefix: assetsPrefix, decorateReply: false, index: false });

  app.get('/modeler', { schema: { querystring: langQuery } }, async (request, reply) => {
    const html = renderModelerPage({ lang: requestLanguage(request), knownTaskTypes, assetsBase: assetsPrefix, actor: request.actor ?? null });
    return reply.type('text/html; charset=utf-8').send(html);
  });

  app.get('/api/process-definitions', {
    schema: {
      querystring: langQuery,
      response: { 200: { type: 'object', required: ['processDefinitions'], properties: { processDefinitions: { type: 'array', items: definitionSchema } } } },
    },
  }, async () => {
    const definitions = latestVersions(await engine.listProcessDefinitions());
    const procedures = new Map<string, DefinitionProcedure>();
    for (const procedure of options.db ? await listProcedures(options.db) : []) {
      procedures.set(procedure.bpmnProcessId, { code: procedure.code, name: procedure.name });
    }
    return {
      processDefinitions: definitions.map((definition) => {
        const procedure = procedures.get(definition.bpmnProcessId);
        return procedure ? { ...toDefinitionReply(definition), procedure } : toDefinitionReply(definition);
      }),
    };
  });

  app.get<{ Params: { key: string } }>('/api/process-definitions/:key/xml', {
    schema: {
      params: { type: 'object', required: ['key'], properties: { key: { type: 'string', pattern: '^[0-9]{1,20}$' } } },
      querystring: langQuery,
      response: { 200: { type: 'string' }, 404: errorSchema },
    },
  }, async (request, reply) => {
    const xml = await engine.getProcessDefinitionXml(request.params.key);
    if (xml === null) return sendError(reply, 404, 'request.not_found', requestLanguage(request));
    return reply.type('application/xml; charset=utf-8').send(xml);
  });

  app.post<{ Body: { name: string; xml: string } }>('/api/deployments', {
    bodyLimit: maxDeploymentBytes,
    schema: {
      querystring: langQuery,
      body: {
        type: 'object',
        required: ['name', 'xml'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 6, maxLength: 200, pattern: '^[^/\\\\\\x00-\\x1f]+\\.bpmn$' },
          xml: { type: 'string', minLength: 1 },
        },
      },
      response: {
        200: { type: 'object', required: ['processDefinitions'], properties: { processDefinitions: { type: 'array', items: definitionSchema } } },
        422: errorSchema,
      },
    },
  }, async (request, reply) => {
    const lang = requestLanguage(request);
    const { name, xml } = request.body;

    const problems = await lintDiagram(xml, { knownTaskTypes });
    if (problems.length > 0) {
      request.log.info({ resourceName: name, problems: problems.length }, 'deployment failed lint');
      return sendError(reply, 422, 'modeler.lint_failed', lang, { count: problems.length }, problems.map((problem) => translateProblem(problem, lang)));
    }

    try {
      const definitions = await engine.deploy([{ name, xml }]);
      for (const definition of definitions) {
        request.log.info({ resourceName: name, bpmnProcessId: definition.bpmnProcessId, version: definition.version, processDefinitionKey: definition.processDefinitionKey }, 'process deployed');
      }
      return { processDefinitions: definitions.map(toDefinitionReply) };
    } catch (error) {
      if (!(error instanceof DeploymentRejectedError)) throw error;
      request.log.info({ resourceName: name, problems: error.problems.length }, 'engine rejected deployment');
      const engineProblems = error.problems.map((problem) => ({ elementId: problem.elementId, rule: 'engine', message: problem.message, params: {} }));
      return sendError(reply, 422, 'modeler.deployment_rejected', lang, { count: engineProblems.length }, engineProblems);
    }
  });
}
