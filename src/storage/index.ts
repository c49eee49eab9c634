// Opens the document store configured for this deployment.
import { dataPath, type Config } from '../config.ts';
import { LocalBlobStore } from './blob-store.ts';

/** Opens the local-disk store under SIJILL_DATA_DIR/blobs. */
export function openBlobStore(config: Config): LocalBlobStore {
  return new LocalBlobStore(dataPath(config, 'blobs'));
}

export { BlobNotFoundError, LocalBlobStore, assertSha256, sha256Hex, type BlobStore, type StoredBlob } from './blob-store.ts';
