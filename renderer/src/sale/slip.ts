/** A slip PDF from the contract (base64) as a blob: URL the browser can show. */
export function pdfBlobUrl(base64: string, urls: Pick<typeof URL, 'createObjectURL'> = URL): string {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return urls.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
}
