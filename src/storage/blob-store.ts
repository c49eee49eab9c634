// Content-addressed document store. A blob is an immutable byte sequence whose
// key is the lowercase hex SHA-256 of its bytes, so storing the same bytes
// twice yields the same key and one object. A new document version is a new
// blob; nothing in the store is ever modified or rewritten.
//
// LocalBlobStore keeps blobs on local disk under <root>/<aa>/<bb>/<sha256>.
// A write goes to a temporary file in <root>/tmp, is fsynced, then hard-linked
// into place and the folder fsynced, so a crash leaves either the whole object
// or none (and at worst a stray file in <root>/tmp). Callers acknowledge an upload only after `put` resolves.
// An S3-compatible store implements the same BlobStore interface.
import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { link, mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';

export interface StoredBlob {
  /** Lowercase hex SHA-256 of the bytes: the key of the blob. */
  sha256: string;
  byteSize: number;
}

export interface BlobStore {
  /** Stores the bytes durably and resolves with their key; storing bytes already present is a no-op. */
  put(bytes: Uint8Array): Promise<StoredBlob>;
  /** Reads a blob; throws BlobNotFoundError when the key is unknown. */
  get(sha256: string): Promise<Uint8Array>;
  has(sha256: string): Promise<boolean>;
}

/** Thrown by `get` for a key the store does not contain. */
export class BlobNotFoundError extends Error {
  override name = 'BlobNotFoundError';
  readonly sha256: string;

  constructor(sha256: string) {
    super(`blob ${sha256} not found`);
    this.sha256 = sha256;
  }
}

const sha256Pattern = /^[0-9a-f]{64}$/;

/** Throws unless `key` is a lowercase hex SHA-256; keeps a caller's key from naming a path outside the store. */
export function assertSha256(key: string): void {
  if (!sha256Pattern.test(key)) throw new TypeError(`invalid blob key ${JSON.stringify(key)}: expected 64 lowercase hex digits`);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class LocalBlobStore implements BlobStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** Path of the object file for a key, whether or not it exists yet. */
  pathOf(sha256: string): string {
    assertSha256(sha256);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(bytes: Uint8Array): Promise<StoredBlob> {
    const sha256 = sha256Hex(bytes);
    const stored = { sha256, byteSize: bytes.byteLength };
    const target = this.pathOf(sha256);
    if (await this.has(sha256)) return stored;

    const tempDir = path.join(this.root, 'tmp');
    await mkdir(tempDir, { recursive: true });
    await mkdir(path.dirname(target), { recursive: true });
    const tempFile = path.join(tempDir, `${sha256}.${randomUUID()}`);
    try {
      await writeDurably(tempFile, bytes);
      // link, unlike rename, fails instead of replacing an object that another
      // writer stored in the meantime, so a stored file is never rewritten.
      await link(tempFile, target).catch((error: unknown) => {
        if (!hasCode(error, 'EEXIST')) throw error;
      });
    } finally {
      await rm(tempFile, { force: true });
    }
    await syncFolder(path.dirname(target));
    return stored;
  }

  async get(sha256: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(this.pathOf(sha256)));
    } catch (error) {
      if (isNotFound(error)) throw new BlobNotFoundError(sha256);
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }
}

async function writeDurably(file: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o444);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isNotFound(error: unknown): boolean {
  return hasCode(error, 'ENOENT');
}

// Duck-typed: errors from node:fs may come from another realm (Jest's VM), where instanceof Error fails.
function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}
