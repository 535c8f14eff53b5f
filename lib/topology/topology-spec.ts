// The topology's declarative types live in lib/core/topology-spec.ts, a neutral module that the
// cloud seam (lib/core/cloud-support.ts), the clouds and the state backend can read without
// importing the topology layer (test/lint/layering.ts). This path stays for apps and tests.
export * from '../core/topology-spec';
