import { buildWeb } from '../../scripts/build-web.ts';
import { cleanBody, diagram, serviceTask } from '../bpmn-lint/diagrams.ts';
import { createModelerServer, type ModelerServer } from './server.ts';

const analyst = { 'x-analyst': 'yes' };
let server: ModelerServer;

beforeAll(async () => {
  await buildWeb();
  server = await createModelerServer();
});

afterAll(async () => {
  await server.close();
});

function deploy(name: string, xml: string, lang = 'en') {
  return server.app.inject({ method: 'POST', url: `/api/deployments?lang=${lang}`, headers: analyst, payload: { name, xml } });
}

test('page is Arabic RTL by default', async () => {
  const response = await server.app.inject({ url: '/modeler', headers: analyst });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toContain('text/html');
  expect(response.body).toContain('<html lang="ar" dir="rtl">');
  expect(response.body).toContain('مصمّم الإجراءات');
  expect(response.body).toContain('"knownTaskTypes":["receive"');
});

test('page in English', async () => {
  const response = await server.app.inject({ url: '/modeler?lang=en', headers: analyst });
  expect(response.body).toContain('<html lang="en" dir="ltr">');
  expect(response.body).toContain('Procedure modeler');
  expect(response.body).toContain('href="?lang=ar"');
});

test('page rejects unknown language', async () => {
  const response = await server.app.inject({ url: '/modeler?lang=fr', headers: analyst });
  expect(response.statusCode).toBe(400);
});

test('routes require an analyst', async () => {
  for (const url of ['/modeler', '/modeler/assets/modeler.js', '/api/process-definitions']) {
    const response = await server.app.inject({ url });
    expect(`${url} ${response.statusCode}`).toBe(`${url} 401`);
  }
});

test('bundle is served', async () => {
  const script = await server.app.inject({ url: '/modeler/assets/modeler.js', headers: analyst });
  expect(script.statusCode).toBe(200);
  expect(script.headers['content-type']).toContain('javascript');
  const css = await server.app.inject({ url: '/modeler/assets/modeler.css', headers: analyst });
  expect(css.statusCode).toBe(200);
  const font = /url\("?\.\/(assets\/bpmn-[A-Z0-9]+\.woff2)[?#"]/.exec(css.body)?.[1];
  expect(font).toBeDefined();
  const fontResponse = await server.app.inject({ url: `/modeler/assets/${font}`, headers: analyst });
  expect(fontResponse.statusCode).toBe(200);
});

test('deployment with lint problems', async () => {
  const xml = diagram(cleanBody.replace(serviceTask('issue', 'issue-result'), serviceTask('issue', 'print')));
  const response = await deploy('permit.bpmn', xml);
  expect(response.statusCode).toBe(422);
  const body = response.json<{ code: string; message: string; params: { count: number }; problems: { elementId: string; rule: string; message: string }[] }>();
  expect(body.code).toBe('modeler.lint_failed');
  expect(body.params.count).toBe(2);
  expect(body.problems.map((problem) => `${problem.rule} ${problem.elementId}`)).toEqual(['task-type-unknown issue', 'issue-result-bypassed end']);
  expect(body.problems[0]?.message).toBe('No worker implements task type "\u2068print\u2069". Known types: \u2068receive, verify, digitize, seal, reuse, issue-result, notify\u2069.');
  expect(await server.engine.listProcessDefinitions('permit')).toEqual([]);
});

test('lint problems in Arabic', async () => {
  const xml = diagram(cleanBody.replace(serviceTask('issue', 'issue-result'), serviceTask('issue', 'print')));
  const body = (await deploy('permit.bpmn', xml, 'ar')).json<{ message: string; problems: { message: string }[] }>();
  expect(body.message).toContain('لم يُنشر المخطط');
  expect(body.problems[0]?.message).toContain('«\u2068print\u2069»');
});

test('deployment creates versions', async () => {
  const first = await deploy('permit.bpmn', diagram(cleanBody));
  expect(first.statusCode).toBe(200);
  expect(first.json()).toEqual({ processDefinitions: [expect.objectContaining({ bpmnProcessId: 'permit', version: 1, resourceName: 'permit.bpmn' })] });

  const changedXml = diagram(cleanBody.replace('<bpmn:startEvent id="start" />', '<bpmn:startEvent id="start" name="Application received" />'));
  const second = await deploy('permit.bpmn', changedXml);
  const [definition] = second.json<{ processDefinitions: { processDefinitionKey: string; version: number }[] }>().processDefinitions;
  expect(definition?.version).toBe(2);

  const list = await server.app.inject({ url: '/api/process-definitions', headers: analyst });
  expect(list.json()).toEqual({ processDefinitions: [{ processDefinitionKey: definition?.processDefinitionKey, bpmnProcessId: 'permit', version: 2, resourceName: 'permit.bpmn' }] });

  const xml = await server.app.inject({ url: `/api/process-definitions/${definition?.processDefinitionKey}/xml`, headers: analyst });
  expect(xml.statusCode).toBe(200);
  expect(xml.headers['content-type']).toContain('application/xml');
  expect(xml.body).toBe(changedXml);
});

test('engine rejection is reported', async () => {
  const body = [
    '<bpmn:startEvent id="start" />',
    // The engine reads a gateway's <outgoing> references, so the diagram writes them as bpmn-js does.
    '<bpmn:exclusiveGateway id="decide"><bpmn:outgoing>f2</bpmn:outgoing><bpmn:outgoing>f3</bpmn:outgoing></bpmn:exclusiveGateway>',
    serviceTask('issue', 'issue-result'),
    serviceTask('issueAgain', 'issue-result'),
    '<bpmn:endEvent id="end" />',
    '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="decide" />',
    '<bpmn:sequenceFlow id="f2" sourceRef="decide" targetRef="issue" />',
    '<bpmn:sequenceFlow id="f3" sourceRef="decide" targetRef="issueAgain" />',
    '<bpmn:sequenceFlow id="f4" sourceRef="issue" targetRef="end" />',
    '<bpmn:sequenceFlow id="f5" sourceRef="issueAgain" targetRef="end" />',
  ].join('\n');
  const response = await deploy('gateway.bpmn', diagram(body));
  expect(response.statusCode).toBe(422);
  const reply = response.json<{ code: string; problems: { elementId: string; rule: string }[] }>();
  expect(reply.code).toBe('modeler.deployment_rejected');
  expect(reply.problems).toEqual([expect.objectContaining({ elementId: 'decide', rule: 'engine' })]);
});

test('unknown definition key is not found', async () => {
  const response = await server.app.inject({ url: '/api/process-definitions/999999/xml?lang=en', headers: analyst });
  expect(response.statusCode).toBe(404);
  expect(response.json()).toEqual({ code: 'request.not_found', message: 'Not found.', params: {} });
});

test('deployment name must be a .bpmn file name', async () => {
  for (const name of ['../permit.bpmn', 'permit.xml', 'a\\b.bpmn']) {
    const response = await deploy(name, diagram(cleanBody));
    expect(`${name} ${response.statusCode}`).toBe(`${name} 400`);
  }
});
