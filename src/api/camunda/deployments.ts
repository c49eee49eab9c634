// Deployment route of the Camunda REST subset: multipart/form-data with one
// or more `resources` file parts, as @camunda8/sdk sends them.
import type { FastifyInstance } from 'fastify';
import type { DeployResource, EnginePort } from '../../engine/port.ts';

/** Largest BPMN file accepted, in bytes. */
const maxResourceBytes = 4 * 1024 * 1024;

export function registerDeploymentRoutes(app: FastifyInstance, engine: EnginePort): void {
  app.post('/deployments', {
    schema: { consumes: ['multipart/form-data'] },
  }, async (request) => {
    const resources: DeployResource[] = [];
    for await (const part of request.parts({ limits: { fileSize: maxResourceBytes } })) {
      if (part.type !== 'file') continue;
      const xml = (await part.toBuffer()).toString('utf8');
      resources.push({ name: part.filename || part.fieldname, xml });
    }
    if (resources.length === 0) {
      throw Object.assign(new Error('the request contains no `resources` file part'), { statusCode: 400, code: 'INVALID_ARGUMENT' });
    }
    const deployed = await engine.deploy(resources);
    return {
      deploymentKey: deployed[0]?.processDefinitionKey ?? '0',
      tenantId: '<default>',
      deployments: deployed.map((definition) => ({
        processDefinition: {
          processDefinitionId: definition.bpmnProcessId,
          processDefinitionVersion: definition.version,
          resourceName: definition.resourceName,
          tenantId: '<default>',
          processDefinitionKey: definition.processDefinitionKey,
        },
      })),
    };
  });
}
