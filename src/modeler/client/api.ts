// Calls to the modeler's API (src/api/routes/modeler.ts). Every call sends
// the page's language, so server messages come back in it.
import type { Language } from '../../i18n/index.ts';
import type { ProcessDefinition } from '../../engine/port.ts';

export interface ServerProblem {
  elementId: string;
  rule: string;
  message: string;
}

/** A deployed process as GET /api/process-definitions lists it, with the catalogue procedure it runs, if any. */
export interface DeployedDefinition extends ProcessDefinition {
  procedure?: { code: string; name: { ar: string; en: string } };
}

export type DeployResult =
  | { ok: true; processDefinitions: ProcessDefinition[] }
  | { ok: false; message: string; problems: ServerProblem[] };

/** Thrown when the server replies with a status the modeler does not handle. */
export class RequestFailedError extends Error {
  override name = 'RequestFailedError';
  readonly status: number;

  constructor(url: string, status: number) {
    super(`${url} failed with status ${status}`);
    this.status = status;
  }
}

export function createApi(lang: Language) {
  const withLang = (url: string): string => `${url}${url.includes('?') ? '&' : '?'}lang=${lang}`;

  const getJson = async <T>(url: string): Promise<T> => {
    const response = await fetch(withLang(url), { headers: { accept: 'application/json' } });
    if (!response.ok) throw new RequestFailedError(url, response.status);
    return (await response.json()) as T;
  };

  return {
    async listProcessDefinitions(): Promise<DeployedDefinition[]> {
      return (await getJson<{ processDefinitions: DeployedDefinition[] }>('/api/process-definitions')).processDefinitions;
    },

    async fetchProcessXml(processDefinitionKey: string): Promise<string> {
      const url = `/api/process-definitions/${encodeURIComponent(processDefinitionKey)}/xml`;
      const response = await fetch(withLang(url));
      if (!response.ok) throw new RequestFailedError(url, response.status);
      return response.text();
    },

    async deploy(name: string, xml: string): Promise<DeployResult> {
      const response = await fetch(withLang('/api/deployments'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ name, xml }),
      });
      if (response.ok) return { ok: true, ...((await response.json()) as { processDefinitions: ProcessDefinition[] }) };
      if (response.status === 422 || response.status === 400) {
        const body = (await response.json()) as { message: string; problems?: ServerProblem[] };
        return { ok: false, message: body.message, problems: body.problems ?? [] };
      }
      throw new RequestFailedError('/api/deployments', response.status);
    },
  };
}

export type ModelerApi = ReturnType<typeof createApi>;
