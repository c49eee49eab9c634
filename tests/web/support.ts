// Helpers for the page tests: sign in through the page form, build
// multipart bodies the way a browser sends them, and read corpus files.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { corpusDir } from '../support/stack.ts';

/** Signs in through POST /sign-in and returns the cookie header for later requests. */
export async function signInCookie(app: FastifyInstance, username: string, password = 'sijill-demo'): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/sign-in',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ username, password }).toString(),
  });
  if (response.statusCode !== 303) throw new Error(`sign-in of ${username} failed with status ${response.statusCode}`);
  const cookies = response.cookies.map((cookie) => `${cookie.name}=${cookie.value}`);
  return cookies.join('; ');
}

export interface FilePart {
  field: string;
  name: string;
  bytes: Uint8Array;
  type?: string;
}

/** Encodes fields and files as multipart/form-data, as a browser submits a form with enctype multipart/form-data. */
export async function multipartBody(fields: Record<string, string>, files: FilePart[] = []): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) form.append(file.field, new Blob([Buffer.from(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.name);
  const encoded = new Response(form);
  return { payload: Buffer.from(await encoded.arrayBuffer()), headers: { 'content-type': encoded.headers.get('content-type') ?? '' } };
}

export async function corpusFile(...parts: string[]): Promise<Uint8Array> {
  return new Uint8Array(await readFile(path.join(corpusDir, ...parts)));
}

/** Waits until `check` returns a value other than undefined, polling every 200 ms. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
