// Phone photos of a page: the page lies on a desk, seen at an angle, so its
// edges form a quadrilateral inside the photo. OpenCV (opencv-python-headless
// in .tools/venv) finds that quadrilateral and maps it onto an upright
// rectangle, which removes the perspective and the desk before Tesseract
// reads the page. The photo's EXIF orientation is applied first, as a phone
// gallery would show it.
//
// Only single-page JPEG, PNG and WebP files that declare no resolution or
// 96 dpi or less are treated as photos: phones write 72 dpi or nothing,
// scanners their real resolution. On a simulated photo of the residence
// certificate (12 megapixels, page on 56% of the frame, lit unevenly) the
// CER went from 20.5% to 9.3%, against 7.1% for the flat scan. Decision 0025
// has the measurements.
import { OcrFailure } from './ocr-failure.ts';
import { runProgram } from './run-program.ts';

/** Highest declared resolution, in dpi, at which an image may be a phone photo. */
export const maxPhotoDpi = 96;

/** Tells whether an image upload may be a phone photo, which `flattenPhoto` then examines. */
export function mayBePhoto(mediaType: string, pageCount: number, dpi: number | undefined): boolean {
  const photoTypes = ['image/jpeg', 'image/png', 'image/webp'];
  return photoTypes.includes(mediaType) && pageCount === 1 && (dpi === undefined || dpi <= maxPhotoDpi);
}

// Finds the page as the largest bright region (Otsu threshold on a copy of
// at most 1000 px, small gaps closed), takes its convex hull and simplifies
// it. Four corners on 20–90% of the frame make a page seen at an angle. A
// flatbed scan, or a photo the page fills, covers more and is left alone,
// but turned by its EXIF orientation when it has one. The rectangle's sides
// are the longer of each pair of opposite edges, so no detail is lost.
// Prints one JSON line.
const flattenScript = `
import json, sys
import cv2
import numpy as np
from PIL import Image, ImageOps
source, target = sys.argv[1], sys.argv[2]
with Image.open(source) as image:
    turned = image.getexif().get(0x0112, 1) not in (1, None)
    rgb = np.asarray(ImageOps.exif_transpose(image).convert("RGB"))
height, width = rgb.shape[:2]
scale = 1000 / max(height, width)
small = cv2.resize(rgb, (max(1, round(width * scale)), max(1, round(height * scale))), interpolation=cv2.INTER_AREA)
grey = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_RGB2GRAY), (5, 5), 0)
_, mask = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
result = {"flattened": False, "turned": turned}
output = rgb if turned else None
if contours:
    page = cv2.convexHull(max(contours, key=cv2.contourArea))
    share = cv2.contourArea(page) / (small.shape[0] * small.shape[1])
    quad = cv2.approxPolyDP(page, 0.02 * cv2.arcLength(page, True), True)
    if len(quad) == 4 and 0.2 <= share <= 0.9:
        points = quad.reshape(4, 2).astype(np.float32) / scale
        sums, differences = points.sum(axis=1), np.diff(points, axis=1).ravel()
        tl, br = points[np.argmin(sums)], points[np.argmax(sums)]
        tr, bl = points[np.argmin(differences)], points[np.argmax(differences)]
        w = round(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
        h = round(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
        matrix = cv2.getPerspectiveTransform(np.float32([tl, tr, br, bl]), np.float32([[0, 0], [w, 0], [w, h], [0, h]]))
        output = cv2.warpPerspective(rgb, matrix, (w, h), flags=cv2.INTER_CUBIC, borderValue=(255, 255, 255))
        result.update(flattened=True, corners=[[round(float(v)) for v in p] for p in (tl, tr, br, bl)])
if output is not None:
    Image.fromarray(output).save(target, "JPEG", quality=95, subsampling=0)
    result.update(width=output.shape[1], height=output.shape[0])
print(json.dumps(result))
`;

export interface PhotoRun {
  /** Python with Pillow and OpenCV. */
  python: string;
  source: string;
  /**
   * JPEG (quality 95, no chroma subsampling) written when the photo was
   * flattened or turned. Tesseract embeds a JPEG in its PDF as it is; as
   * PNG, a flattened photo made a PDF/A three times the size of the photo.
   * Quality 90 cost 5 points of CER on the simulated photo, 95 cost 0.6.
   */
  target: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface PhotoResult {
  /** Whether the page's quadrilateral was found and mapped onto a rectangle. */
  flattened: boolean;
  /** Whether the EXIF orientation turned the photo. */
  turned: boolean;
  /** Size of `target` in pixels, when it was written. */
  width?: number;
  height?: number;
  /** Corners of the page in the photo (top left, top right, bottom right, bottom left), when flattened. */
  corners?: [number, number][];
}

/** Flattens a phone photo of a page; writes `target` only when the photo changed. */
export async function flattenPhoto(run: PhotoRun): Promise<PhotoResult> {
  const result = await runProgram(run.python, ['-c', flattenScript, run.source, run.target], { timeoutMs: run.timeoutMs, signal: run.signal, captureStdout: true });
  if (result.exitCode !== 0) {
    // scripts/install-ocr.sh installs OpenCV; a retry would not bring it.
    const code = result.stderr.includes("No module named 'cv2'") ? 'digitize.tool_missing' : 'digitize.failed';
    throw new OcrFailure(code, { program: 'python (OpenCV)', exitCode: result.exitCode, signal: result.signal, stderr: result.stderr });
  }
  return JSON.parse(result.stdout) as PhotoResult;
}
