// The @camunda8/sdk client that Sijill's job workers use. Pointed at Sijill
// (the default), it calls the Camunda REST subset that the API serves under
// /v2, with no authentication. Pointed at a Camunda 8 cluster with its address
// and OAuth settings, the same workers run unchanged (docs/engine.md).
import { Camunda8 } from '@camunda8/sdk';

export type SijillCamundaClient = ReturnType<Camunda8['getOrchestrationClusterApiClient']>;

/** Settings the SDK reads (CAMUNDA_* names); given here so nothing is read from process.env implicitly. */
export type CamundaClientSettings = Record<string, string | number | boolean | undefined>;

/**
 * Creates the Orchestration Cluster API client of @camunda8/sdk for Sijill at
 * `baseUrl` (for example http://127.0.0.1:3000; the SDK adds /v2). Extra
 * settings override the defaults, e.g. OAuth for a Camunda 8 cluster.
 */
export function createSijillCamundaClient(baseUrl: string, settings: CamundaClientSettings = {}): SijillCamundaClient {
  const camunda = new Camunda8({
    CAMUNDA_REST_ADDRESS: baseUrl,
    ZEEBE_REST_ADDRESS: baseUrl,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    // The SDK maps CAMUNDA_LOG_LEVEL onto the REST client's own level; it is info by default.
    CAMUNDA_LOG_LEVEL: 'error',
    ...settings,
  } as ConstructorParameters<typeof Camunda8>[0]);
  return camunda.getOrchestrationClusterApiClient();
}
