/** Fakes shared by the control plane tests: reserved addresses and a PEM-looking CA. */
import { Cloud } from '../../../lib/core/cloud';
import { IReservedAddress } from '../../../lib/network/reserved-address';

export function reservedAddress(address: string, cloud: Cloud = Cloud.GCP, serviceAnnotations: { [key: string]: string } = {}): IReservedAddress {
  return { cloud, address, serviceAnnotations };
}

export const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';
