// Object identifiers used in CMS signatures, timestamps and certificates.
export const oid = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  timeStamping: '1.3.6.1.5.5.7.3.8',
} as const;

/** Digest algorithms by OID, with the name node:crypto uses. */
export const digestAlgorithms: Record<string, { name: string; nodeName: string }> = {
  '1.3.14.3.2.26': { name: 'SHA-1', nodeName: 'sha1' },
  '2.16.840.1.101.3.4.2.4': { name: 'SHA-224', nodeName: 'sha224' },
  '2.16.840.1.101.3.4.2.1': { name: 'SHA-256', nodeName: 'sha256' },
  '2.16.840.1.101.3.4.2.2': { name: 'SHA-384', nodeName: 'sha384' },
  '2.16.840.1.101.3.4.2.3': { name: 'SHA-512', nodeName: 'sha512' },
  '2.16.840.1.101.3.4.2.8': { name: 'SHA3-256', nodeName: 'sha3-256' },
  '2.16.840.1.101.3.4.2.9': { name: 'SHA3-384', nodeName: 'sha3-384' },
  '2.16.840.1.101.3.4.2.10': { name: 'SHA3-512', nodeName: 'sha3-512' },
  '2.16.840.1.101.3.4.2.12': { name: 'SHAKE256', nodeName: 'shake256' },
};

export const sha256Oid = '2.16.840.1.101.3.4.2.1';
