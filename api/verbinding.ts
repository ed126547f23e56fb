import {
  Client,
  Connection,
  defaultGrpcRetryOptions,
  makeGrpcRetryInterceptor,
  type ClientOptions,
  type ConnectionOptions,
} from '@temporalio/client';
import { correlatieInterceptor } from './correlatie';

/**
 * Every API request must be answered within 5 s, also while Temporal is down. The SDK's default
 * gRPC retries back off for about 20 s; five attempts give up after about a second (then 503),
 * still enough to ride out a blip. The per-request deadline in the app is the upper bound.
 */
export const API_GRPC_POGINGEN = 5;

/** Connection options of the API's Temporal client; `basis` holds address and TLS. */
export function apiVerbindingsOpties(basis: ConnectionOptions): ConnectionOptions {
  return { ...basis, interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: API_GRPC_POGINGEN }))] };
}

export function verbindApi(basis: ConnectionOptions): Promise<Connection> {
  return Connection.connect(apiVerbindingsOpties(basis));
}

/** The API's Temporal client: what a request starts, updates or signals carries its correlation id. */
export function apiClient(opties: Omit<ClientOptions, 'interceptors'>): Client {
  return new Client({ ...opties, interceptors: { workflow: [correlatieInterceptor()] } });
}
