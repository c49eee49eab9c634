// Legibility of OCR output. A page is illegible when OCR found fewer letters
// and digits on it than a readable administrative page always has, which
// means the scan is blank, blurred, too dark or upside down beyond repair.

/** Returns the 1-based numbers of pages whose text has fewer than `minCharacters` letters and digits. */
export function findIllegiblePages(pages: readonly string[], minCharacters: number): number[] {
  if (minCharacters <= 0) return [];
  const illegible: number[] = [];
  pages.forEach((text, index) => {
    const count = text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
    if (count < minCharacters) illegible.push(index + 1);
  });
  return illegible;
}
