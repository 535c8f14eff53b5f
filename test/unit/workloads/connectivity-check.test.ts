import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectivityCheck, renderCheckScript } from '../../../lib/workloads/connectivity-check';
import { onlyResource, synthStack } from '../../helpers/synth';
import { fakeConnection } from '../../helpers/fakes';

const probes = [
  {
    description: 'catalog through the AKS gateway',
    url: 'https://catalog.azure.acme.example/',
    connectTo: 'gateway-kong-proxy.kong.svc.cluster.local:443',
    insecureAcceptAnyCertificate: true,
  },
];

test('the check is a Job Terraform waits for, in the given meshed namespace, with the probe provider', () => {
  // WHEN
  const json = synthStack((stack) => {
    new ConnectivityCheck(stack, 'catalog', { connection: fakeConnection('aks'), namespace: 'checks', probes });
  });
  // THEN
  const job = onlyResource(json, 'kubernetes_job_v1');
  assert.equal(job.wait_for_completion, true);
  assert.equal(job.metadata.namespace, 'checks');
  assert.equal(job.provider, 'kubernetes.aks');
  assert.match(job.metadata.name, /^check-catalog-[0-9a-f]{8}$/);
  const container = job.spec.template.spec.container[0];
  assert.equal(container.security_context.allow_privilege_escalation, false);
  assert.equal(job.spec.template.spec.security_context.run_as_non_root, true);
  assert.match(container.command[2], /--connect-to catalog\.azure\.acme\.example:443:gateway-kong-proxy\.kong\.svc\.cluster\.local:443/);
});

test('changing a probe renames the Job so the check runs again', () => {
  const other = renderCheckScript([{ ...probes[0], url: 'https://catalog.acme.example/' }]);
  assert.notEqual(renderCheckScript(probes), other);
  const names = ['https://a.example/', 'https://b.example/'].map((url) => {
    const json = synthStack((stack) => {
      new ConnectivityCheck(stack, 'c', { connection: fakeConnection('aks'), namespace: 'checks', probes: [{ description: 'x', url }] });
    });
    return onlyResource(json, 'kubernetes_job_v1').metadata.name;
  });
  assert.notEqual(names[0], names[1]);
});

test('the script fails on the first failing probe and accepts untrusted certificates only when asked', () => {
  const script = renderCheckScript([
    { description: 'public', url: 'https://a.example/' },
    { description: "it's staging", url: 'https://b.example/', insecureAcceptAnyCertificate: true },
  ]);
  const curls = script.split('\n').filter((line) => line.startsWith('curl'));
  assert.equal(curls.length, 2);
  assert.ok(curls.every((line) => line.includes('--fail')));
  assert.ok(!curls[0].includes('--insecure'));
  assert.ok(curls[1].includes('--insecure'));
  assert.match(script, /'check: it'\\''s staging: https:\/\/b\.example\/'/);
});

test('a probe URL that is not http(s) is rejected naming the probe', () => {
  assert.throws(
    () =>
      synthStack((stack) => {
        new ConnectivityCheck(stack, 'c', {
          connection: fakeConnection('aks'),
          namespace: 'checks',
          probes: [{ description: 'x', url: 'ftp://a.example/' }],
        });
      }),
    /"ftp:\/\/a\.example\/" \(test\/c\.probes\[0\]\.url\) must use http/,
  );
});

test('a check without probes is rejected', () => {
  assert.throws(
    () => synthStack((stack) => new ConnectivityCheck(stack, 'c', { connection: fakeConnection('aks'), namespace: 'checks', probes: [] })),
    /probes\) must list at least one request/,
  );
});

test('the Job pod hands the Kuma injector a projected token for its sidecar and none to curl', () => {
  // WHEN
  const json = synthStack((stack) => {
    new ConnectivityCheck(stack, 'catalog', { connection: fakeConnection('aks'), namespace: 'checks', probes });
  });
  // THEN
  const template = onlyResource(json, 'kubernetes_job_v1').spec.template;
  assert.equal(template.spec.automount_service_account_token, false);
  const volumeName = template.metadata.annotations['kuma.io/service-account-token-volume'];
  assert.ok(template.spec.volume.some((v: any) => v.name === volumeName && v.projected[0].sources.some((s: any) => s.service_account_token)));
});

test('a probe that expects a body checks it and retries until the answer contains it', () => {
  // WHEN
  const script = renderCheckScript([{ description: 'the local copy answers', url: 'http://catalog.mzsvc.mesh.local:8080/', expectBodyContains: 'catalog in azure' }]);
  // THEN
  assert.match(script, /until body=\$\(curl [^)]*--output - http:\/\/catalog\.mzsvc\.mesh\.local:8080\/\) && case "\$body" in \*'catalog in azure'\*\) true ;; \*\) false ;; esac; do/);
  assert.match(script, /if \[ "\$n" -ge 12 \]; then echo "expected catalog in azure in the answer, got: \$body"; exit 1; fi/);
  // curl's own retries would multiply the outer loop's
  assert.doesNotMatch(script.split('\n').find((line) => line.startsWith('until'))!, /--retry/);
});

test('an empty or multi-line expected body is rejected naming the probe field', () => {
  for (const expectBodyContains of ['', 'a\nb']) {
    assert.throws(
      () => synthStack((stack) => new ConnectivityCheck(stack, 'c', { connection: fakeConnection('aks'), namespace: 'checks', probes: [{ description: 'x', url: 'http://a.example/', expectBodyContains }] })),
      /test\/c\.probes\[0\]\.expectBodyContains\) must be a non-empty single line/,
    );
  }
});
