// Trust anchors as callers hold them (PEM text, DER bytes or @peculiar/x509
// certificates), reduced to DER.
import * as x509 from '../pki/x509.ts';

export type TrustAnchor = string | Uint8Array | ArrayBuffer | { rawData: ArrayBuffer };

export function trustAnchorsToDer(anchors: TrustAnchor[]): Uint8Array[] {
  const ders: Uint8Array[] = [];
  for (const anchor of anchors) {
    if (typeof anchor === 'string') {
      for (const der of x509.PemConverter.decode(anchor)) ders.push(new Uint8Array(der));
    } else if (anchor instanceof Uint8Array) {
      ders.push(anchor);
    } else if (anchor instanceof ArrayBuffer) {
      ders.push(new Uint8Array(anchor));
    } else {
      ders.push(new Uint8Array(anchor.rawData));
    }
  }
  return ders;
}
