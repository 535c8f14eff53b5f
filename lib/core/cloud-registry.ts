/**
 * The one registry of clouds: each `Cloud` value maps to its {@link CloudSupport}. The
 * mapped type makes a `Cloud` member without an entry a compile error, and an entry is
 * a complete `CloudSupport` or does not compile either.
 *
 * Entries load their module on first use: a cloud's constructs import its provider
 * bindings, and an app that uses no cluster of a cloud must not load them (the AWS
 * provider is an optional peer dependency).
 */
import { Cloud } from './cloud';
import type { CloudSupport } from './cloud-support';

/* eslint-disable @typescript-eslint/no-require-imports */
export const CLOUDS: { readonly [C in Cloud]: () => CloudSupport } = {
  [Cloud.AZURE]: () => (require('../azure/azure-cloud') as typeof import('../azure/azure-cloud')).AZURE,
  [Cloud.GCP]: () => (require('../gcp/gcp-cloud') as typeof import('../gcp/gcp-cloud')).GCP,
  [Cloud.AWS]: () => (require('../aws/aws-cloud') as typeof import('../aws/aws-cloud')).AWS,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The implementation of `cloud`; an unknown value (from untyped input) is an error naming the clouds. */
export function cloudSupport(cloud: Cloud): CloudSupport {
  const load = (CLOUDS as { readonly [key: string]: (() => CloudSupport) | undefined })[cloud];
  if (load === undefined) {
    throw new Error(`Unknown cloud "${String(cloud)}": use one of ${Object.values(Cloud).map((value) => `"${value}"`).join(', ')}`);
  }
  return load();
}
