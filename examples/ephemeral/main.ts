/**
 * A short-lived, per-branch copy of the reference scenario: ephemeral mode (no delete
 * protection, spot nodes, expiry labels, self-signed certificates, connectivity checks
 * that fail the deploy when the cross-cloud path is broken).
 *
 *   CCM_ENVIRONMENT_SOURCE=my-branch npm run env:up     # deploy
 *   CCM_ENVIRONMENT_SOURCE=my-branch npm run env:down   # destroy everything
 *
 * The topology is written in TypeScript here (the reference example uses YAML): both
 * are the same `TopologySpec`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'cdktf';
import { Cloud } from '../../lib/core/cloud';
import { CrossCloudMesh } from '../../lib/topology/cross-cloud-mesh';
import { environmentNameFrom } from '../../lib/topology/environment-name';
import { ephemeralTopology } from './topology';
import { previewState } from './state';

const environment = environmentNameFrom(process.env.CCM_ENVIRONMENT_SOURCE ?? process.env.GITHUB_HEAD_REF ?? 'local-preview');
const app = new App();
const mesh = new CrossCloudMesh(app, environment, {
  // State in a shared backend (./state.ts), so `env:down` from a fresh CI job finds what `env:up` built.
  topology: { state: previewState(), ...ephemeralTopology({
    environment,
    // Google label values are lower-case: a GitHub login such as `JaneDoe` becomes `janedoe`.
    owner: (process.env.CCM_OWNER ?? 'platform-team').toLowerCase().replace(/[^a-z0-9_-]+/g, '-'),
    // Three days from when the environment is first deployed (a time_offset in its state,
    // not this synth's clock): `cross-cloud-mesh environments destroy-expired` reaps it then.
    ttl: process.env.CCM_TTL ?? '3d',
    azureSubscriptionId: process.env.AZURE_SUBSCRIPTION_ID ?? '00000000-0000-0000-0000-000000000000',
    googleProject: process.env.GOOGLE_PROJECT ?? 'acme-example-project',
    dnsZone: process.env.CCM_DNS_ZONE ?? 'preview.acme.example',
    dnsCloud: Cloud.GCP,
  }) },
});
app.synth();
writeFileSync(join(app.outdir, 'topology.md'), mesh.diagramMarkdown);
