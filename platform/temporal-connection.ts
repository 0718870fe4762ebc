/**
 * Connection options for a configured Temporal server. TLS, API key and gRPC metadata come from
 * Temporal's own environment configuration (TEMPORAL_TLS*, TEMPORAL_API_KEY, TEMPORAL_PROFILE and
 * the config file), so the service reads them exactly as the `temporal` CLI does.
 */
import { loadClientConnectConfig } from '@temporalio/envconfig';
import type { NativeConnectionOptions } from '@temporalio/worker';

export function configuredConnectionOptions(address: string): NativeConnectionOptions {
  const { connectionOptions } = loadClientConnectConfig();
  return { ...connectionOptions, address };
}
