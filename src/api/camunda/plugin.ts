// The part of Camunda 8's orchestration REST API (v2) that @camunda8/sdk's
// clients and job workers call, served over any engine port. Registered by
// the app under the prefix `/v2`; no authentication (the SDK's
// CAMUNDA_AUTH_STRATEGY=NONE). Routes:
//   GET  /topology
//   POST /deployments                       (multipart `resources`)
//   POST /process-instances, /process-instances/search
//   GET  /process-instances/:key, POST /process-instances/:key/cancellation
//   POST /jobs/activation, /jobs/:key/completion, /jobs/:key/failure, /jobs/:key/error
//   POST /messages/publication, /messages/correlation
//   POST /user-tasks/search, GET /user-tasks/:key, POST /user-tasks/:key/assignment,
//   DELETE /user-tasks/:key/assignee, POST /user-tasks/:key/completion
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { EnginePort } from '../../engine/port.ts';
import { registerDeploymentRoutes } from './deployments.ts';
import { registerJobRoutes } from './jobs.ts';
import { registerMessageRoutes } from './messages.ts';
import { handleCamundaError } from './problem.ts';
import { registerProcessInstanceRoutes } from './process-instances.ts';
import { registerUserTaskRoutes } from './user-tasks.ts';

export interface CamundaRestPluginOptions {
  engine: EnginePort;
}

/** Camunda version reported by /topology; @camunda8/sdk 8.8 expects an 8.8 gateway. */
export const reportedGatewayVersion = '8.8.0';

export async function camundaRestPlugin(app: FastifyInstance, options: CamundaRestPluginOptions): Promise<void> {
  if (!app.hasContentTypeParser('multipart/form-data')) await app.register(multipart);
  app.setErrorHandler(handleCamundaError);

  app.get('/topology', async () => ({
    brokers: [{
      nodeId: 0, host: 'sijill', port: 0, version: reportedGatewayVersion,
      partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }],
    }],
    clusterSize: 1,
    partitionsCount: 1,
    replicationFactor: 1,
    gatewayVersion: reportedGatewayVersion,
    lastCompletedChangeId: '-1',
  }));

  registerDeploymentRoutes(app, options.engine);
  registerProcessInstanceRoutes(app, options.engine);
  registerJobRoutes(app, options.engine);
  registerMessageRoutes(app, options.engine);
  registerUserTaskRoutes(app, options.engine);
}
