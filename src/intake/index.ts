export { inspectUpload, uploadLimitsFromConfig, defaultMaxPdfNesting, type UploadInspection, type UploadLimits } from './inspect-upload.ts';
export { detectMediaType, acceptedMediaTypes, type AcceptedMediaType } from './media-type.ts';
export { makeSafeFileName } from './safe-file-name.ts';
export { scanPdf, type ActiveContentKind, type PdfScan } from './pdf-scan.ts';
export { uploadErrors } from './errors.ts';
