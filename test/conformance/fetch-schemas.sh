#!/usr/bin/env bash
# Downloads the upstream data files the conformance suite reads (listed in
# ../shared/upstream/SOURCES.md) from GitHub at the pinned tags/commits, into
# $UPSTREAM_SCHEMAS_DIR (default ./.upstream). Usage:
#   npm run schemas:fetch                      # into ./.upstream
#   UPSTREAM_SCHEMAS_DIR=/tmp/up npm run schemas:fetch
# then run the tests with the same UPSTREAM_SCHEMAS_DIR.
# Kong Mesh publishes no chart source; its values and extra CRDs come from the docs repo.
set -euo pipefail

DEST="${UPSTREAM_SCHEMAS_DIR:-./.upstream}"
KUMA="https://raw.githubusercontent.com/kumahq/kuma/v2.14.3"
KONG_341="https://raw.githubusercontent.com/Kong/charts/kong-3.4.1"
KONG_320="https://raw.githubusercontent.com/Kong/charts/kong-3.2.0"
INGRESS="https://raw.githubusercontent.com/Kong/charts/ingress-0.24.0"
KONG_DOCS="https://raw.githubusercontent.com/Kong/developer.konghq.com/bc1cd74260f0bddb06dcf004c9c34b53bb870c1a/app/assets/mesh/2.14.x/raw"
KONG_MESH_INDEX="https://raw.githubusercontent.com/Kong/kong-mesh-charts/97d9bf399311475dd006a00d7f2c09f074ab981d/index.yaml"
CERT_MANAGER="https://raw.githubusercontent.com/cert-manager/cert-manager/v1.21.1"

KUMA_CRDS=(circuitbreakers containerpatches dataplaneinsights dataplanes externalservices faultinjections
  healthchecks hostnamegenerators meshaccesslogs meshcircuitbreakers meshes meshexternalservices
  meshfaultinjections meshgatewayconfigs meshgatewayinstances meshgatewayroutes meshgateways
  meshhealthchecks meshhttproutes meshidentities meshinsights meshloadbalancingstrategies meshmetrics
  meshmultizoneservices meshopentelemetrybackends meshpassthroughs meshproxypatches meshratelimits
  meshretries meshservices meshtcproutes meshtimeouts meshtlses meshtraces meshtrafficpermissions
  meshtrusts meshzoneaddresses proxytemplates ratelimits retries serviceinsights timeouts trafficlogs
  trafficpermissions trafficroutes traffictraces virtualoutbounds workloads zoneegresses
  zoneegressinsights zoneingresses zoneingressinsights zoneinsights zones)

# fetch <url> <destination relative to $DEST>
fetch() {
  mkdir -p "$(dirname "$DEST/$2")"
  echo "fetch $2"
  curl --fail --silent --show-error --location --retry 3 --output "$DEST/$2" "$1"
}

fetch "$KUMA/deployments/charts/kuma/Chart.yaml" kuma/chart/Chart.yaml
fetch "$KUMA/deployments/charts/kuma/values.yaml" kuma/chart/values.yaml
for crd in "${KUMA_CRDS[@]}"; do
  fetch "$KUMA/deployments/charts/kuma/crds/kuma.io_${crd}.yaml" "kuma/crds/kuma.io_${crd}.yaml"
done
for proto in Mesh ZoneIngress ZoneEgress; do
  fetch "$KUMA/docs/generated/raw/protos/${proto}.json" "kuma/schemas/protos/${proto}.json"
done
fetch "$KUMA/api/mesh/v1alpha1/builtincertificateauthorityconfig/schema.yaml" kuma/schemas/builtincertificateauthorityconfig.schema.yaml
fetch "$KUMA/docs/generated/openapi.yaml" kuma/schemas/openapi.yaml
fetch "$KUMA/docs/generated/raw/kuma-cp.yaml" kuma/config/kuma-cp.yaml

fetch "$KONG_341/charts/kong/Chart.yaml" kong/kong/Chart.yaml
fetch "$KONG_341/charts/kong/values.yaml" kong/kong/values.yaml
fetch "$KONG_341/charts/kong/crds/custom-resource-definitions.yaml" kong/kong/crds/custom-resource-definitions.yaml
fetch "$INGRESS/charts/ingress/Chart.yaml" kong/ingress/Chart.yaml
fetch "$INGRESS/charts/ingress/Chart.lock" kong/ingress/Chart.lock
fetch "$INGRESS/charts/ingress/values.yaml" kong/ingress/values.yaml
fetch "$KONG_320/charts/kong/Chart.yaml" kong/ingress/subchart-kong-3.2.0/Chart.yaml
fetch "$KONG_320/charts/kong/values.yaml" kong/ingress/subchart-kong-3.2.0/values.yaml

fetch "$KONG_DOCS/helm-values.yaml" kong-mesh/chart/values.yaml
for example in global-cp federated-zone-cp single-zone-cp; do
  fetch "$KONG_DOCS/helm-values-prod/values.${example}.yaml" "kong-mesh/chart/prod-examples/values.${example}.yaml"
done
for crd in kuma.io_meshglobalratelimits kuma.io_meshopas opa-policy access-audit access-role access-role-binding; do
  fetch "$KONG_DOCS/crds/${crd}.yaml" "kong-mesh/crds/${crd}.yaml"
done
fetch "$KONG_DOCS/kuma-cp.yaml" kong-mesh/config/kuma-cp.yaml
fetch "$KONG_MESH_INDEX" kong-mesh/helm-repo-index.yaml

for crd in certificates clusterissuers issuers certificaterequests; do
  fetch "$CERT_MANAGER/deploy/crds/cert-manager.io_${crd}.yaml" "cert-manager/crds/cert-manager.io_${crd}.yaml"
done
fetch "$CERT_MANAGER/deploy/charts/cert-manager/Chart.yaml" cert-manager/chart/Chart.yaml
fetch "$CERT_MANAGER/deploy/charts/cert-manager/values.yaml" cert-manager/chart/values.yaml
fetch "$CERT_MANAGER/deploy/charts/cert-manager/values.schema.json" cert-manager/chart/values.schema.json

echo "upstream files in $DEST; run tests with UPSTREAM_SCHEMAS_DIR=$DEST"
