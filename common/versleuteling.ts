import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { Sleutelring } from './sleutelring';

export const VERSLEUTELD_ENCODING = 'binary/encrypted';
export const SLEUTEL_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const tekst = new TextEncoder();
const ontcijfer = new TextDecoder();

/**
 * AES-256-GCM over the whole serialized payload (metadata and data), so neither the value nor
 * its encoding stays readable. Layout of `data`: IV (12) | ciphertext | tag (16). The key id is
 * the only metadata in the clear: it tells every reader (worker, API, codec server) which key
 * of the ring to use. Payloads without it pass through unchanged, so histories written before
 * encryption was switched on keep replaying.
 */
export class AesGcmCodec implements PayloadCodec {
  constructor(private readonly ring: Sleutelring) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const id = this.ring.huidig;
    const sleutel = this.ring.sleutels.get(id)!;
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', sleutel, iv);
      const klaar = temporal.api.common.v1.Payload.encode(payload).finish();
      const versleuteld = Buffer.concat([iv, cipher.update(klaar), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: { encoding: tekst.encode(VERSLEUTELD_ENCODING), [SLEUTEL_ID_METADATA]: tekst.encode(id) },
        data: versleuteld,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.encoding;
      if (!encoding || ontcijfer.decode(encoding) !== VERSLEUTELD_ENCODING) return payload;
      const idBytes = payload.metadata?.[SLEUTEL_ID_METADATA];
      const id = idBytes ? ontcijfer.decode(idBytes) : '';
      const sleutel = this.ring.sleutels.get(id);
      if (!sleutel) throw new Error(`payload versleuteld met onbekende sleutel '${id}'`);
      const data = Buffer.from(payload.data ?? new Uint8Array());
      const decipher = createDecipheriv('aes-256-gcm', sleutel, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const klaar = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(klaar);
    });
  }
}
