import { join } from 'node:path';
import type { DataConverter } from '@temporalio/common';
import type { Sleutelring } from './sleutelring';
import { AesGcmCodec } from './versleuteling';

/** Also handed to the workflow bundler: failures raised inside workflows are encoded there. */
export const FAILURE_CONVERTER_PATH = join(__dirname, 'failureConverter.js');

/**
 * The one data converter of worker, API client, tests and replay: default JSON payloads,
 * encrypted by the AES-256-GCM codec (outside the workflow sandbox), and failures whose message
 * and stack trace are encoded as payloads so they get encrypted as well.
 */
export function dataConverterVoor(ring: Sleutelring): DataConverter {
  return { payloadCodecs: [new AesGcmCodec(ring)], failureConverterPath: FAILURE_CONVERTER_PATH };
}
