/**
 * AES-256-GCM payload codec: every payload Temporal stores (workflow inputs, update arguments and
 * results, activity inputs) is encrypted before it leaves this process. The key id travels in the
 * payload's metadata, so keys rotate: new data uses the newest key, older keys still decrypt.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Payload, PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';
import { NO_PERSONAL_DATA } from '../domain/case/ops-text.js';

const { Payload: PayloadProto } = proto.temporal.api.common.v1;

export const ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';
const enc = new TextEncoder();
const dec = new TextDecoder();

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

/** `id:base64key,id:base64key` — the first is used for new data. */
export function parseEncryptionKeys(spec: string): EncryptionKey[] {
  const keys = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((pair) => {
      const i = pair.indexOf(':');
      const id = pair.slice(0, i);
      const key = Buffer.from(pair.slice(i + 1), 'base64');
      if (i < 1 || key.length !== 32) {
        throw new Error(
          `PAYLOAD_ENCRYPTION_KEYS: '${id || pair.slice(0, 8)}…' must be id:<32 bytes in base64>`,
        );
      }
      return { id, key };
    });
  if (keys.length === 0) throw new Error('PAYLOAD_ENCRYPTION_KEYS is empty');
  return keys;
}

export const newEncryptionKey = (id: string): string => `${id}:${randomBytes(32).toString('base64')}`;

/** Embedded mode with no keys configured: one key kept under DATA_DIR, created on first start. */
export function embeddedEncryptionKeys(dataDir: string): string {
  const file = path.join(dataDir, 'payload-keys');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, newEncryptionKey(`k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`), {
      mode: 0o600,
    });
  }
  return readFileSync(file, 'utf8').trim();
}

export function seal(key: EncryptionKey, plaintext: Uint8Array): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

export function unseal(key: Buffer, sealed: Uint8Array): Buffer {
  const buf = Buffer.from(sealed);
  const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
  decipher.setAuthTag(buf.subarray(buf.length - 16));
  return Buffer.concat([decipher.update(buf.subarray(12, buf.length - 16)), decipher.final()]);
}

export class AesGcmCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: EncryptionKey[]) {
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const current = this.keys[0]!;
    return payloads.map((p) =>
      holdsNoPersonalData(p)
        ? markedPlain(p)
        : {
            metadata: { encoding: enc.encode(ENCODING), [KEY_ID]: enc.encode(current.id) },
            data: seal(current, PayloadProto.encode(p).finish()),
          },
    );
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (!p.metadata || dec.decode(p.metadata.encoding) !== ENCODING) return p;
      const id = dec.decode(p.metadata[KEY_ID]);
      const key = this.byId.get(id);
      if (!key) throw new Error(`no payload encryption key '${id}' configured (PAYLOAD_ENCRYPTION_KEYS)`);
      return PayloadProto.decode(unseal(key, p.data!)) as Payload;
    });
  }
}

/**
 * Payloads ops may read without a codec session: text marked by opsText (summaries, timer
 * summaries), and the SDK's answer to the Web UI's workflow-metadata query (the workflow's
 * current details and the names of its handlers), which the SDK builds itself, so it cannot carry
 * the mark. Its shape is the SDK's, never one of our inputs (the API refuses unknown fields).
 */
export function holdsNoPersonalData(p: Payload): boolean {
  if (p.metadata?.[NO_PERSONAL_DATA] && dec.decode(p.metadata[NO_PERSONAL_DATA]) === 'true') return true;
  return isWorkflowMetadataAnswer(p);
}

const METADATA_ANSWER_START = '{"definition":{"type":';

function isWorkflowMetadataAnswer(p: Payload): boolean {
  if (!p.metadata?.encoding || dec.decode(p.metadata.encoding) !== 'json/plain' || !p.data) return false;
  if (dec.decode(p.data.subarray(0, METADATA_ANSWER_START.length)) !== METADATA_ANSWER_START) return false;
  try {
    const v = JSON.parse(dec.decode(p.data)) as Record<string, unknown>;
    const keys = Object.keys(v).sort().join(',');
    return (
      (keys === 'currentDetails,definition' || keys === 'definition') && typeof v.definition === 'object'
    );
  } catch {
    return false;
  }
}

const markedPlain = (p: Payload): Payload => ({
  ...p,
  metadata: { ...p.metadata, [NO_PERSONAL_DATA]: enc.encode('true') },
});
