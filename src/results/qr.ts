// QR code of a verification URL, drawn as SVG for Typst's image element.
import QRCode from 'qrcode';

/** Modules of white border around the symbol; ISO/IEC 18004 asks for 4. */
const quietZone = 4;

/** Encodes `text` as a QR code (error correction level M) and returns it as an SVG document. */
export function qrCodeSvg(text: string): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const side = modules.size + 2 * quietZone;
  const squares: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    for (let column = 0; column < modules.size; column++) {
      if (modules.get(row, column)) squares.push(`M${column + quietZone} ${row + quietZone}h1v1h-1z`);
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges">`
    + `<rect width="${side}" height="${side}" fill="#fff"/><path fill="#000" d="${squares.join('')}"/></svg>`;
}
