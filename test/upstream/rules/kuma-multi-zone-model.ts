/**
 * MeshMultiZoneServices as the zones of Kuma 2.14.3 see them: the labels they are synced with,
 * how a policy's targetRef resolves to one, which MeshServices each zone groups under it and
 * the host names HostnameGenerators give it. Sources, all kumahq/kuma@v2.14.3:
 * pkg/core/resources/apis/meshmultizoneservice/status_updater.go#matchesService (run by every
 * zone: pkg/insights/components.go#Setup), pkg/plugins/policies/core/rules/resolve/targetref.go#TargetRef,
 * backendref.go#TargetRefToKRI, pkg/defaults/hostname_generator.go#EnsureHostnameGeneratorExists,
 * pkg/kds/context/context.go#DefaultContext (labels of global resources in zones).
 */
import { evaluateHostnameTemplate, KumaModel, KumaResourceView, MeshServiceView } from './kuma-model';

/** Kuma's own MeshMultiZoneService generator on a global (pkg/defaults/hostname_generator.go#EnsureHostnameGeneratorExists). */
const KUMA_DEFAULT_MULTI_ZONE_GENERATOR = { name: 'synced-mesh-multi-zone-service', template: '{{ .DisplayName }}.mzsvc.mesh.local', matchLabels: { 'kuma.io/origin': 'global' } };

/** The app's MeshMultiZoneServices. */
export function multiZoneServices(model: KumaModel): KumaResourceView[] {
  return model.resources.filter((resource) => resource.kind === 'MeshMultiZoneService');
}

/** Labels of a global resource as the zones see it after KDS: `kuma.io/origin: global`, `kuma.io/display-name`. */
export function syncedToZones(resource: KumaResourceView): Record<string, string> {
  return { ...resource.labels, 'kuma.io/mesh': resource.mesh, 'kuma.io/origin': 'global', 'kuma.io/display-name': resource.name };
}

/** The MeshMultiZoneService a `to[].targetRef` resolves to (resolve/targetref.go#TargetRef), if the app has it. */
export function resolveMultiZoneService(model: KumaModel, policy: KumaResourceView, ref: any): KumaResourceView | undefined {
  if (ref?.kind !== 'MeshMultiZoneService') return undefined;
  return multiZoneServices(model).find((candidate) => {
    if (candidate.mesh !== policy.mesh) return false;
    if (ref.labels && Object.keys(ref.labels).length > 0) {
      return Object.entries<string>(ref.labels).every(([key, value]) => syncedToZones(candidate)[key] === value);
    }
    // backendref.go#TargetRefToKRI: the namespace defaults to the policy's own.
    const namespace = ref.namespace || policy.namespace;
    return candidate.name === ref.name && (candidate.namespace ?? '') === (namespace ?? '');
  });
}

/**
 * The MeshServices a MeshMultiZoneService groups as zone `viewer` computes it
 * (status_updater.go#matchesService over that zone's store: its own MeshServices with their
 * local labels, the other zones' with the labels they are synced with).
 */
export function groupedIn(model: KumaModel, service: KumaResourceView, viewer: string): MeshServiceView[] {
  const matchLabels: Record<string, string> = service.spec?.selector?.meshService?.matchLabels ?? {};
  return model.meshServices.filter((meshService) => {
    const labels = meshService.zone === viewer ? meshService.localLabels : meshService.syncedLabels;
    return Object.entries(matchLabels).every(([key, value]) => labels[key] === value);
  });
}

/** The mesh host names each MeshMultiZoneService of the app gets (the app's generators and Kuma's default). */
export function multiZoneHostnames(model: KumaModel): Map<string, KumaResourceView> {
  const generators = [
    KUMA_DEFAULT_MULTI_ZONE_GENERATOR,
    ...model.resources
      .filter((resource) => resource.kind === 'HostnameGenerator' && resource.spec?.selector?.meshMultiZoneService)
      .map((resource) => ({ name: resource.name, template: resource.spec.template as string, matchLabels: (resource.spec.selector.meshMultiZoneService.matchLabels ?? {}) as Record<string, string> })),
  ];
  const names = new Map<string, KumaResourceView>();
  for (const service of multiZoneServices(model)) {
    const labels = syncedToZones(service);
    for (const generator of generators) {
      if (!Object.entries(generator.matchLabels).every(([key, value]) => labels[key] === value)) continue;
      const name = evaluateHostnameTemplate(generator.template, { name: service.name, mesh: service.mesh }, labels);
      if (name) names.set(name, service);
    }
  }
  return names;
}
