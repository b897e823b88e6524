// Content-Security-Policy of the web client: only its own scripts and
// styles (adopted stylesheets, no inline code), connections to this origin
// (WebSocket, uploads on the node) and the configured public URL, images
// also from blob: (previews of files being uploaded) and https: (uploads on
// another host).

export function webclientCsp(publicUrl: string): string {
  const origin = new URL(publicUrl);
  const wss = `wss://${origin.host}`;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' blob: data: https:",
    "media-src 'self' blob: https:",
    `connect-src 'self' ${wss} ${origin.origin} https:`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
